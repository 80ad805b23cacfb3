package io.canopy.core.placement;

import static io.canopy.core.placement.Fixtures.cap;
import static io.canopy.core.placement.Fixtures.container;
import static io.canopy.core.placement.Fixtures.offer;
import static io.canopy.core.placement.Fixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.core.placement.PlacementResult.Placed;
import io.canopy.core.placement.PlacementResult.Unschedulable;
import io.canopy.wire.Rejection;
import io.canopy.wire.SchedulingFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlacementTest {

  private static final Candidate INACTIVE =
      new Candidate(
          "c-off",
          "off",
          false,
          List.of(offer("amd64", "container", cap(4, 8192, 0), cap(4, 8192, 0))),
          Set.of(),
          null,
          Map.of());
  private static final Candidate UNIKERNEL_ONLY =
      new Candidate(
          "c-uk",
          "uk",
          true,
          List.of(offer("amd64", "unikernel", cap(4, 8192, 0), cap(4, 8192, 0))),
          Set.of(),
          null,
          Map.of());
  private static final Candidate SMALL = worker("c-small", cap(1, 256, 0));

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(Tier.ROOT, List.of(), SchedulingFailure.NO_ACTIVE_CLUSTER),
        Arguments.of(Tier.CLUSTER, List.of(), SchedulingFailure.NO_ACTIVE_WORKER),
        Arguments.of(Tier.ROOT, List.of(INACTIVE), SchedulingFailure.NO_ACTIVE_CLUSTER),
        Arguments.of(Tier.CLUSTER, List.of(INACTIVE), SchedulingFailure.NO_ACTIVE_WORKER),
        Arguments.of(
            Tier.ROOT, List.of(INACTIVE, SMALL), SchedulingFailure.NO_ACTIVE_CLUSTER_WITH_CAPACITY),
        Arguments.of(Tier.CLUSTER, List.of(INACTIVE, SMALL), SchedulingFailure.NO_WORKER_CAPACITY),
        Arguments.of(
            Tier.ROOT,
            List.of(INACTIVE, UNIKERNEL_ONLY),
            SchedulingFailure.NO_ACTIVE_CLUSTER_WITH_CAPACITY),
        Arguments.of(
            Tier.CLUSTER, List.of(INACTIVE, UNIKERNEL_ONLY), SchedulingFailure.NO_QUALIFIED_WORKER),
        // One qualifies (but is too small), one does not qualify: capacity is the precise reason.
        Arguments.of(
            Tier.CLUSTER, List.of(UNIKERNEL_ONLY, SMALL), SchedulingFailure.NO_WORKER_CAPACITY));
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @MethodSource("failures")
  void failureKinds(Tier tier, List<Candidate> candidates, SchedulingFailure expected) {
    PlacementResult result = Placement.place(tier, container(cap(2, 1024, 0)), candidates);

    assertThat(result).isInstanceOf(Unschedulable.class);
    assertThat(((Unschedulable) result).failure()).isEqualTo(expected);
    assertThat(result.rejections()).hasSize(candidates.size());
  }

  @Test
  void nullCandidatesIsNoCandidates() {
    assertThat(Placement.place(Tier.CLUSTER, container(cap(1, 1, 0)), null))
        .isEqualTo(new Unschedulable(SchedulingFailure.NO_ACTIVE_WORKER, List.of()));
  }

  @Test
  void rejectionsNameEveryRejectedCandidateInIdOrder() {
    PlacementResult result =
        Placement.place(
            Tier.CLUSTER,
            container(cap(2, 1024, 0)),
            List.of(SMALL, worker("c-fit", cap(4, 4096, 0)), UNIKERNEL_ONLY, INACTIVE));

    assertThat(result).isInstanceOf(Placed.class);
    assertThat(((Placed) result).chosen().id()).isEqualTo("c-fit");
    assertThat(result.rejections())
        .containsExactly(
            new Rejection("c-off", "off", "not active: no recent report"),
            new Rejection(
                "c-small",
                "name-c-small",
                "needs 2 vcpus, 1 free; needs 1024 MB memory, 256 MB free"),
            new Rejection("c-uk", "uk", "runs no container (runs unikernel)"));
  }

  @Test
  void bestFitPrefersTheLeastLeftover() {
    PlacementResult result =
        Placement.place(
            Tier.CLUSTER,
            container(cap(1, 1024, 0)),
            List.of(worker("a-roomy", cap(4, 8192, 0)), worker("b-snug", cap(1.5, 2048, 0))));

    assertThat(((Placed) result).chosen().id()).isEqualTo("b-snug");
  }

  @Test
  void tiesGoToTheSmallestIdWhateverTheInputOrder() {
    List<Candidate> same = new ArrayList<>();
    for (String id : List.of("w3", "w1", "w2", "w10")) {
      same.add(worker(id, cap(2, 2048, 0)));
    }
    for (int i = 0; i < 5; i++) {
      Collections.shuffle(same);
      PlacementResult result = Placement.place(Tier.CLUSTER, container(cap(1, 512, 0)), same);
      assertThat(((Placed) result).chosen().id()).isEqualTo("w1");
    }
  }

  @Test
  void spreadOutweighsBestFitForSmallInstances() {
    Candidate busy =
        new Candidate(
            "w1",
            "w1",
            true,
            List.of(offer("amd64", "container", cap(3.9, 8000, 0), cap(4, 8192, 0))),
            Set.of(),
            null,
            Map.of(),
            Map.of("svc", 1));
    Candidate empty = worker("w2", cap(4, 8192, 0));
    Demand demand = container(cap(0.1, 64, 0)).withService("svc");

    assertThat(((Placed) Placement.place(Tier.CLUSTER, demand, List.of(busy, empty))).chosen().id())
        .isEqualTo("w2");
    // Without the service key nothing is spread: best fit stacks it on the busier worker.
    assertThat(
            ((Placed) Placement.place(Tier.CLUSTER, demand.withService(null), List.of(busy, empty)))
                .chosen()
                .id())
        .isEqualTo("w1");
  }

  @Test
  void aClusterFitsWhenOneOfItsClassesFits() {
    Candidate cluster =
        new Candidate(
            "c1",
            "edge",
            true,
            List.of(
                offer("amd64", "container", cap(1, 512, 0), cap(8, 16384, 0)),
                offer("arm64", "container", cap(4, 4096, 0), cap(8, 8192, 0))),
            Set.of(),
            null,
            Map.of());

    assertThat(Placement.place(Tier.ROOT, container(cap(2, 2048, 0)), List.of(cluster)))
        .isInstanceOf(Placed.class);
  }

  @Test
  void aClusterWhoseClassesAllFallShortNamesEachClass() {
    Candidate cluster =
        new Candidate(
            "c1",
            "edge",
            true,
            List.of(
                offer("amd64", "container", cap(1, 512, 0), cap(8, 16384, 0)),
                offer("arm64", "container", cap(4, 1024, 0), cap(8, 8192, 0))),
            Set.of(),
            null,
            Map.of());

    PlacementResult result =
        Placement.place(Tier.ROOT, container(cap(2, 2048, 0)), List.of(cluster));

    assertThat(result.rejections())
        .extracting(Rejection::reason)
        .containsExactly(
            "amd64/container: needs 2 vcpus, 1 free; needs 2048 MB memory, 512 MB free;"
                + " arm64/container: needs 2048 MB memory, 1024 MB free");
  }

  @Test
  void placedScoreIsTheWeightedMean() {
    // One candidate, empty afterwards = best fit 100 - 50 = 50; spread 100 with nothing there.
    Candidate c = worker("w1", cap(4, 8192, 0));
    PlacementResult result = Placement.place(Tier.CLUSTER, container(cap(2, 4096, 0)), List.of(c));

    assertThat(((Placed) result).score()).isCloseTo((0.4 * 50 + 0.4 * 100) / 0.8, within());
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
