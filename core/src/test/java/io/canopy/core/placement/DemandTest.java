package io.canopy.core.placement;

import static io.canopy.core.placement.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.canopy.sla.Microservice;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemandTest {

  private static final Microservice FULL =
      service(
          """
          {"microserviceID": "svc-1", "microservice_name": "web", "microservice_namespace": "test",
           "virtualization": "docker", "memory": 512, "vcpus": 0.5, "vgpus": 1,
           "arch": ["AMD64", "arm64"], "port": "80:8080;53/udp;9000:9000/tcp",
           "constraints": [
             {"type": "direct", "node": "worker-a;worker-b", "cluster": "edge-1"},
             {"type": "clusters", "allowed": ["edge-1", "edge-2"]},
             {"type": "geo", "location": "48.1374,11.5755,100"}
           ]}
          """);

  @Test
  void forClusterTakesTheDirectClusterTheAreaAndNoPorts() {
    Demand d = Demand.forCluster(FULL);

    assertThat(d.virtualization()).isEqualTo("container");
    assertThat(d.arches()).containsExactlyInAnyOrder("amd64", "arm64");
    assertThat(d.needed()).isEqualTo(new Capacity(0.5, 512, 1));
    assertThat(d.hostPorts()).isEmpty();
    assertThat(d.allowedCandidates()).containsExactly("edge-1");
    assertThat(d.area().center()).isEqualTo(new GeoPoint(48.1374, 11.5755));
    assertThat(d.area().radiusKm()).isCloseTo(100, offset(1e-9));
    assertThat(d.service()).isEqualTo("svc-1");
  }

  @Test
  void forClusterFallsBackToTheAllowedClusters() {
    Microservice s =
        service(
            """
            {"microservice_name": "web", "microservice_namespace": "test",
             "virtualization": "container", "memory": 64, "vcpus": 1,
             "constraints": [{"type": "clusters", "allowed": ["edge-1", "edge-2"]}]}
            """);

    Demand d = Demand.forCluster(s, "key");

    assertThat(d.allowedCandidates()).containsExactlyInAnyOrder("edge-1", "edge-2");
    assertThat(d.area()).isNull();
    assertThat(d.service()).isEqualTo("key");
    assertThat(Demand.forCluster(s).service()).as("empty microserviceID").isNull();
  }

  @Test
  void forWorkerTakesTheDirectNodesAndTheHostPorts() {
    Demand d = Demand.forWorker(FULL);

    assertThat(d.allowedCandidates()).containsExactlyInAnyOrder("worker-a", "worker-b");
    assertThat(d.hostPorts())
        .containsExactlyInAnyOrder(
            PortClaim.tcp(80), new PortClaim(53, "udp"), PortClaim.tcp(9000));
    assertThat(d.area()).as("workers do not report a location").isNull();
  }

  @Test
  void aServiceWithoutConstraintsMayGoAnywhere() {
    Microservice s =
        service(
            """
            {"microservice_name": "u", "microservice_namespace": "k",
             "virtualization": "unikernel", "memory": 100, "vcpus": 1}
            """);

    Demand d = Demand.forWorker(s);

    assertThat(d.virtualization()).isEqualTo("unikernel");
    assertThat(d.arches()).isEmpty();
    assertThat(d.allowedCandidates()).isEmpty();
    assertThat(d.hostPorts()).isEmpty();
  }

  @Test
  void anUnreadableGeoLocationIsRefusedNotIgnored() {
    Microservice s =
        service(
            """
            {"microservice_name": "u", "microservice_namespace": "k",
             "virtualization": "container", "memory": 1, "vcpus": 1,
             "constraints": [{"type": "geo", "location": "munich"}]}
            """);

    assertThatThrownBy(() -> Demand.forCluster(s))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lat,long,radius_km");
  }

  @Test
  void blanksAndCaseAreNormalised() {
    Demand d =
        new Demand(" Docker ", Set.of(" ARM64 ", ""), null, null, Set.of(" edge ", " "), null);

    assertThat(d.virtualization()).isEqualTo("container");
    assertThat(d.arches()).containsExactly("arm64");
    assertThat(d.needed()).isEqualTo(Capacity.ZERO);
    assertThat(d.hostPorts()).isEmpty();
    assertThat(d.allowedCandidates()).containsExactly("edge");
  }
}
