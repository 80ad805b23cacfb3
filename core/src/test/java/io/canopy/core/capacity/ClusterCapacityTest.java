package io.canopy.core.capacity;

import static io.canopy.core.capacity.WorkerViewTest.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.core.placement.Candidate;
import io.canopy.core.placement.Capacity;
import io.canopy.core.placement.Demand;
import io.canopy.core.placement.GeoPoint;
import io.canopy.core.placement.Offer;
import io.canopy.core.placement.Placement;
import io.canopy.core.placement.PlacementResult;
import io.canopy.core.placement.Tier;
import io.canopy.wire.ResourceClass;
import io.canopy.wire.SchedulingFailure;
import io.canopy.wire.cluster.ClusterResources;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterCapacityTest {

  private static final List<WorkerView> WORKERS =
      List.of(
          WorkerView.of(
              "a",
              "a",
              true,
              fingerprint("amd64", 4, 8192, 0, "container", "unikernel"),
              List.of(new Reservation("i1", "s", new Capacity(1, 2048, 0), Set.of()))),
          WorkerView.of("b", "b", true, fingerprint("amd64", 2, 4096, 1, "container"), List.of()),
          WorkerView.of("c", "c", true, fingerprint("ARM64", 8, 16384, 0, "container"), List.of()),
          WorkerView.of(
              "d-off",
              "d-off",
              false,
              fingerprint("amd64", 64, 262144, 4, "container"),
              List.of()));

  @Test
  void sumsTheActiveWorkersAndListsThemAll() {
    ClusterResources r = ClusterCapacity.aggregate(WORKERS);

    assertThat(r.activeWorkers()).isEqualTo(3);
    assertThat(r.totalWorkers()).isEqualTo(4);
    assertThat(r.cpuPercent()).isEqualTo(20);
    assertThat(r.totalCores()).isEqualTo(14);
    assertThat(r.totalMemoryMb()).isEqualTo(8192 + 4096 + 16384);
    assertThat(r.freeMemoryMb()).isEqualTo(6144 + 4096 + 16384);
    assertThat(r.totalGpus()).isEqualTo(1);
    assertThat(r.workers()).extracting(w -> w.nodeId()).containsExactly("a", "b", "c", "d-off");
  }

  @Test
  void classesCarryTheMostFreeOnOneWorker() {
    ClusterResources r = ClusterCapacity.aggregate(WORKERS);

    assertThat(r.classes())
        .containsExactly(
            new ResourceClass("amd64", "container", 2, 6, 5, 12288, 10240, 1, 1, 3, 6144, 1),
            new ResourceClass("amd64", "unikernel", 1, 4, 3, 8192, 6144, 0, 0, 3, 6144, 0),
            new ResourceClass("arm64", "container", 1, 8, 8, 16384, 16384, 0, 0, 8, 16384, 0));
  }

  @Test
  void noWorkersIsAnEmptyReport() {
    ClusterResources r = ClusterCapacity.aggregate(List.of());

    assertThat(r).isEqualTo(new ClusterResources(0, 0, 0, 0, 0, 0, 0, List.of(), List.of()));
  }

  @Test
  void theRootSeesOneOfferPerClass() {
    ClusterResources r = ClusterCapacity.aggregate(WORKERS);
    GeoPoint munich = new GeoPoint(48.1, 11.6);

    Candidate c = ClusterCapacity.toCandidate("c1", "edge", true, r, munich, Map.of("s", 2));

    assertThat(c.offers())
        .contains(
            new Offer("amd64", "container", new Capacity(3, 6144, 1), new Capacity(6, 12288, 1)));
    assertThat(c.location()).isEqualTo(munich);
    assertThat(c.instancesOf("s")).isEqualTo(2);
    assertThat(ClusterCapacity.toCandidate("c2", "x", true, null, null, null).offers()).isEmpty();
  }

  @Test
  void anInstanceFitsTheClusterOnlyIfItFitsOneWorker() {
    // 10240 MB are free in amd64 containers, but at most 6144 MB on one worker.
    Candidate cluster =
        ClusterCapacity.toCandidate(
            "c1", "edge", true, ClusterCapacity.aggregate(WORKERS), null, Map.of());
    Demand big =
        new Demand(
            "container", Set.of("amd64"), new Capacity(1, 8000, 0), Set.of(), Set.of(), null);

    PlacementResult result = Placement.place(Tier.ROOT, big, List.of(cluster));

    assertThat(result)
        .isEqualTo(
            new PlacementResult.Unschedulable(
                SchedulingFailure.NO_ACTIVE_CLUSTER_WITH_CAPACITY,
                List.of(
                    new io.canopy.wire.Rejection(
                        "c1", "edge", "needs 8000 MB memory, 6144 MB free"))));
  }
}
