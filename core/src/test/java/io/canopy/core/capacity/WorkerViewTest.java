package io.canopy.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.core.placement.Candidate;
import io.canopy.core.placement.Capacity;
import io.canopy.core.placement.Offer;
import io.canopy.core.placement.PortClaim;
import io.canopy.sla.Microservice;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.WorkerSummary;
import io.canopy.wire.node.Fingerprint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;

class WorkerViewTest {

  static Fingerprint fingerprint(
      String arch, int cores, long memoryMb, int gpus, String... runtimes) {
    List<Fingerprint.Gpu> gpuList =
        java.util.stream.IntStream.range(0, gpus)
            .mapToObj(i -> new Fingerprint.Gpu("gpu" + i, 8000, 8000, 0))
            .toList();
    return new Fingerprint(
        "host",
        arch,
        "Linux 6.1",
        cores,
        20,
        memoryMb,
        memoryMb / 2,
        100_000,
        50_000,
        gpuList,
        List.of(runtimes),
        "192.0.2.10");
  }

  @Test
  void freeIsTheFingerprintMinusTheReservations() {
    WorkerView w =
        WorkerView.of(
            "n1",
            "edge-1",
            true,
            fingerprint("amd64", 4, 8192, 1, "container", "unikernel"),
            List.of(
                new Reservation("i1", "s1", new Capacity(1, 1024, 0), Set.of(PortClaim.tcp(80))),
                new Reservation("i2", "s1", new Capacity(0.5, 512, 1), Set.of()),
                new Reservation("i3", "s2", new Capacity(0.5, 512, 0), Set.of())));

    assertThat(w.total()).isEqualTo(new Capacity(4, 8192, 1));
    assertThat(w.reserved()).isEqualTo(new Capacity(2, 2048, 1));
    assertThat(w.free()).isEqualTo(new Capacity(2, 6144, 0));
    assertThat(w.usedHostPorts()).containsExactly(PortClaim.tcp(80));
    assertThat(w.serviceInstances()).isEqualTo(Map.of("s1", 2, "s2", 1));
  }

  @Test
  void anOvercommittedWorkerHasNothingFreeNotANegativeAmount() {
    WorkerView w =
        WorkerView.of(
            "n1",
            "n1",
            true,
            fingerprint("amd64", 1, 1024, 0, "container"),
            List.of(new Reservation("i1", "s", new Capacity(2, 2048, 0), Set.of())));

    assertThat(w.free()).isEqualTo(Capacity.ZERO);
  }

  @Test
  void becomesACandidateWithOneOfferPerRuntime() {
    WorkerView w =
        WorkerView.of(
            "n1",
            "edge-1",
            false,
            fingerprint("arm64", 2, 2048, 0, "container", "unikernel", "container"),
            List.of(new Reservation("i1", "s", new Capacity(1, 1024, 0), Set.of())));

    Candidate c = w.toCandidate();

    assertThat(c.id()).isEqualTo("n1");
    assertThat(c.name()).isEqualTo("edge-1");
    assertThat(c.active()).isFalse();
    assertThat(c.offers())
        .containsExactly(
            new Offer("arm64", "container", new Capacity(1, 1024, 0), new Capacity(2, 2048, 0)),
            new Offer("arm64", "unikernel", new Capacity(1, 1024, 0), new Capacity(2, 2048, 0)));
    assertThat(c.instancesOf("s")).isEqualTo(1);
  }

  @Test
  void aWorkerThatNeverReportedOffersNothing() {
    WorkerView w = WorkerView.of("n1", "n1", true, null, List.of());

    assertThat(w.total()).isEqualTo(Capacity.ZERO);
    assertThat(w.toCandidate().offers()).isEmpty();
    assertThat(w.summary().underlayAddress()).isNull();
  }

  @Test
  void summarisesForTheRoot() {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    WorkerView w =
        WorkerView.of(
            "n1",
            "edge-1",
            true,
            at,
            "10.18.0.64/26",
            fingerprint("amd64", 4, 8192, 0, "container"),
            List.of(new Reservation("i1", "s", new Capacity(1, 1000, 0), Set.of())));

    assertThat(w.summary())
        .isEqualTo(
            new WorkerSummary(
                "n1",
                "edge-1",
                "amd64",
                List.of("container"),
                4,
                20,
                8192,
                7192,
                "10.18.0.64/26",
                "192.0.2.10",
                true,
                at));
  }

  @Test
  void aReservationComesFromTheInstanceSpec() {
    Microservice service =
        WireJson.mapper()
            .rebuild()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build()
            .readValue(
                """
                {"microservice_name": "web", "microservice_namespace": "t",
                 "virtualization": "container", "memory": 256, "vcpus": 0.25, "port": "8080:80"}
                """,
                Microservice.class);
    InstanceSpec spec =
        new InstanceSpec("inst-1", "svc-9", "a.b.web.t", 0, service, "10.30.0.1", null);

    assertThat(Reservation.of(spec))
        .isEqualTo(
            new Reservation(
                "inst-1", "svc-9", new Capacity(0.25, 256, 0), Set.of(PortClaim.tcp(8080))));
  }
}
