package io.canopy.root.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.core.placement.Demand;
import io.canopy.core.placement.Placement;
import io.canopy.core.placement.PlacementResult;
import io.canopy.core.placement.Tier;
import io.canopy.root.cluster.ClusterDocument;
import io.canopy.sla.Microservice;
import io.canopy.sla.SlaReader;
import io.canopy.wire.ResourceClass;
import io.canopy.wire.SchedulingFailure;
import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterResources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The root's placement over cluster reports: each filter, ties, no candidates. */
class RootPlacementTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  static ClusterDocument cluster(
      String id, String name, Instant reported, ResourceClass... classes) {
    String resources =
        WireJson.mapper()
            .writeValueAsString(
                new ClusterResources(1, 1, 10, 4, 8192, 4096, 0, List.of(classes), List.of()));
    return new ClusterDocument(id, name, "48.1,11.5", "h-" + id, NOW, reported, resources, 0);
  }

  static ResourceClass amd64(String virtualization, double vcpus, long memoryMb, int gpus) {
    return new ResourceClass(
        "amd64",
        virtualization,
        1,
        vcpus,
        vcpus,
        memoryMb,
        memoryMb,
        gpus,
        gpus,
        vcpus,
        memoryMb,
        gpus);
  }

  static Microservice service(String extra) {
    String sla =
        """
        {"sla_version": "v2.0", "customerID": "x", "applications": [
          {"application_name": "a", "application_namespace": "b", "microservices": [
            {"microservice_name": "s", "microservice_namespace": "t",
             "virtualization": "container", "code": "docker.io/library/nginx:latest",
             "memory": 1000, "vcpus": 1 %s}]}]}
        """
            .formatted(extra);
    var read = SlaReader.read(sla);
    assertThat(read.violations()).isEmpty();
    return read.sla().applications().get(0).microservices().get(0);
  }

  static PlacementResult place(Microservice ms, ClusterDocument... clusters) {
    var candidates = ClusterCandidates.of(List.of(clusters), NOW, TIMEOUT, "svc", Map.of());
    return Placement.forTier(Tier.ROOT).place(Demand.forCluster(ms, "svc"), candidates);
  }

  @Test
  void picksTheClusterThatFitsAndRecordsWhyOthersDoNot() {
    var small = cluster("000000000000000000000001", "small", NOW, amd64("container", 4, 500, 0));
    var stale =
        cluster(
            "000000000000000000000002",
            "stale",
            NOW.minusSeconds(31),
            amd64("container", 4, 8000, 0));
    var unikernels =
        cluster("000000000000000000000003", "uni", NOW, amd64("unikernel", 4, 8000, 0));
    var good = cluster("000000000000000000000004", "good", NOW, amd64("container", 4, 8000, 0));
    PlacementResult result = place(service(""), small, stale, unikernels, good);
    assertThat(result).isInstanceOf(PlacementResult.Placed.class);
    assertThat(((PlacementResult.Placed) result).chosen().name()).isEqualTo("good");
    assertThat(result.rejections())
        .extracting(r -> r.candidateName())
        .containsExactlyInAnyOrder("small", "stale", "uni");
  }

  @Test
  void noneFitsGivesTheRootsFailureWithEveryRejection() {
    var small = cluster("000000000000000000000001", "small", NOW, amd64("container", 4, 500, 0));
    var noGpu = cluster("000000000000000000000002", "nogpu", NOW, amd64("container", 4, 8000, 0));
    PlacementResult result = place(service(", \"vgpus\": 1"), small, noGpu);
    assertThat(result).isInstanceOf(PlacementResult.Unschedulable.class);
    assertThat(((PlacementResult.Unschedulable) result).failure())
        .isEqualTo(SchedulingFailure.NO_ACTIVE_CLUSTER_WITH_CAPACITY);
    assertThat(result.rejections()).hasSize(2);
  }

  @Test
  void noCandidatesOrOnlyInactiveOnesMeansNoActiveCluster() {
    assertThat(((PlacementResult.Unschedulable) place(service(""))).failure())
        .isEqualTo(SchedulingFailure.NO_ACTIVE_CLUSTER);
    var silent =
        cluster("000000000000000000000001", "silent", null, amd64("container", 4, 8000, 0));
    assertThat(((PlacementResult.Unschedulable) place(service(""), silent)).failure())
        .isEqualTo(SchedulingFailure.NO_ACTIVE_CLUSTER);
  }

  @Test
  void directAndClustersConstraintsLimitTheCandidates() {
    var a = cluster("000000000000000000000001", "a", NOW, amd64("container", 4, 8000, 0));
    var b = cluster("000000000000000000000002", "b", NOW, amd64("container", 4, 8000, 0));
    var direct =
        place(service(", \"constraints\": [{\"type\": \"direct\", \"cluster\": \"b\"}]"), a, b);
    assertThat(((PlacementResult.Placed) direct).chosen().name()).isEqualTo("b");
    var allowed =
        place(service(", \"constraints\": [{\"type\": \"clusters\", \"allowed\": [\"a\"]}]"), a, b);
    assertThat(((PlacementResult.Placed) allowed).chosen().name()).isEqualTo("a");
    assertThat(allowed.rejections()).extracting(r -> r.candidateName()).containsExactly("b");
  }

  @Test
  void vcpusAndArchAreFilteredToo() {
    var few = cluster("000000000000000000000001", "few", NOW, amd64("container", 0.5, 8000, 0));
    var arm =
        cluster(
            "000000000000000000000002",
            "arm",
            NOW,
            new ResourceClass("arm64", "unikernel", 1, 4, 4, 8000, 8000, 0, 0, 4, 8000, 0));
    var x86 = cluster("000000000000000000000003", "x86", NOW, amd64("unikernel", 4, 8000, 0));
    PlacementResult cpu = place(service(""), few);
    assertThat(cpu).isInstanceOf(PlacementResult.Unschedulable.class);
    assertThat(cpu.rejections().get(0).reason()).contains("vcpu");

    Microservice unikernel = unikernel();
    PlacementResult placed = place(unikernel, x86, arm);
    assertThat(((PlacementResult.Placed) placed).chosen().name()).isEqualTo("arm");
    assertThat(placed.rejections()).extracting(r -> r.candidateName()).containsExactly("x86");
  }

  static Microservice unikernel() {
    String sla =
        """
        {"sla_version": "v2.0", "customerID": "x", "applications": [
          {"application_name": "a", "application_namespace": "b", "microservices": [
            {"microservice_name": "k", "microservice_namespace": "t",
             "virtualization": "unikernel", "code": "https://example.org/kernel.tar.gz",
             "arch": ["arm64"], "memory": 100, "vcpus": 1}]}]}
        """;
    var read = SlaReader.read(sla);
    assertThat(read.violations()).isEmpty();
    return read.sla().applications().get(0).microservices().get(0);
  }

  @Test
  void equalClustersTieToTheSmallestId() {
    var later = cluster("000000000000000000000009", "later", NOW, amd64("container", 4, 8000, 0));
    var first = cluster("000000000000000000000001", "first", NOW, amd64("container", 4, 8000, 0));
    assertThat(((PlacementResult.Placed) place(service(""), later, first)).chosen().name())
        .isEqualTo("first");
  }
}
