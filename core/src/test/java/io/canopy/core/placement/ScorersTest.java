package io.canopy.core.placement;

import static io.canopy.core.placement.Fixtures.cap;
import static io.canopy.core.placement.Fixtures.container;
import static io.canopy.core.placement.Fixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScorersTest {

  private static final GeoPoint MUNICH = new GeoPoint(48.1374, 11.5755);
  private static final GeoPoint AUGSBURG = new GeoPoint(48.3705, 10.8978); // ~55 km from Munich

  static Stream<Arguments> bestFit() {
    return Stream.of(
        // needed, free, total → score
        Arguments.of(cap(2, 4096, 0), cap(2, 4096, 0), cap(4, 8192, 0), 100.0),
        Arguments.of(cap(0, 0, 0), cap(4, 8192, 0), cap(4, 8192, 0), 0.0),
        Arguments.of(cap(1, 2048, 0), cap(4, 8192, 0), cap(4, 8192, 0), 25.0),
        Arguments.of(cap(1, 0, 0), cap(2, 8192, 0), cap(4, 8192, 0), 37.5),
        // A GPU worker taking a GPU-less instance is judged on its idle GPU too.
        Arguments.of(cap(2, 4096, 0), cap(2, 4096, 1), cap(4, 8192, 1), 100.0 * 2 / 3),
        Arguments.of(cap(1, 1, 0), cap(0, 0, 0), cap(0, 0, 0), 0.0));
  }

  @ParameterizedTest
  @MethodSource("bestFit")
  void bestFitIsOneHundredMinusMeanLeftoverShare(
      Capacity needed, Capacity free, Capacity total, double expected) {
    assertThat(Scorers.bestFit(container(needed), offer("amd64", "container", free, total)))
        .isCloseTo(expected, offset(1e-9));
  }

  @Test
  void spreadHalvesWithEachInstanceAlreadyThere() {
    Demand d = container(cap(1, 1, 0)).withService("s");
    assertThat(Scorers.spread(d, withService("s", 0))).isEqualTo(100.0);
    assertThat(Scorers.spread(d, withService("s", 1))).isEqualTo(50.0);
    assertThat(Scorers.spread(d, withService("s", 3))).isEqualTo(25.0);
    assertThat(Scorers.spread(d, withService("other", 3))).isEqualTo(100.0);
    assertThat(Scorers.spread(d.withService(null), withService("s", 3))).isEqualTo(100.0);
  }

  @Test
  void proximityIsLinearInsideABoundedArea() {
    assertThat(Scorers.proximity(new GeoArea(MUNICH, 100), at(MUNICH))).isEqualTo(100.0);
    assertThat(Scorers.proximity(new GeoArea(MUNICH, 110), at(AUGSBURG)))
        .isCloseTo(50.0, offset(2.0));
    assertThat(Scorers.proximity(new GeoArea(MUNICH, 50), at(AUGSBURG))).isEqualTo(0.0);
    assertThat(Scorers.proximity(new GeoArea(MUNICH, 0), at(MUNICH))).isEqualTo(100.0);
    assertThat(Scorers.proximity(new GeoArea(MUNICH, 100), at(null))).isEqualTo(0.0);
  }

  @Test
  void proximityWithoutBoundHalvesAtOneHundredKm() {
    GeoPoint hundredKmNorth = new GeoPoint(48.1374 + 100 / 111.195, 11.5755);
    assertThat(Scorers.proximity(GeoArea.near(MUNICH), at(hundredKmNorth)))
        .isCloseTo(50.0, offset(0.1));
  }

  static Stream<Arguments> weights() {
    // Candidate a: best fit 100, spread 50; candidate b: best fit 50, spread 100 (no area).
    return Stream.of(
        Arguments.of(new Weights(1, 0, 0), "a"),
        Arguments.of(new Weights(0, 1, 0), "b"),
        Arguments.of(new Weights(0.6, 0.4, 0), "a"),
        Arguments.of(new Weights(0.4, 0.6, 0), "b"),
        // Equal weights tie at 75: the smaller id wins.
        Arguments.of(new Weights(0.5, 0.5, 0), "a"),
        // Proximity does not count without an area, whatever its weight.
        Arguments.of(new Weights(0.4, 0.6, 100), "b"));
  }

  @ParameterizedTest
  @MethodSource("weights")
  void weightsDecideBetweenScorers(Weights weights, String winner) {
    Candidate a =
        new Candidate(
            "a",
            "a",
            true,
            List.of(offer("amd64", "container", cap(2, 4096, 0), cap(4, 8192, 0))),
            Set.of(),
            null,
            Map.of(),
            Map.of("s", 1));
    Candidate b =
        new Candidate(
            "b",
            "b",
            true,
            List.of(offer("amd64", "container", cap(4, 8192, 0), cap(4, 8192, 0))),
            Set.of(),
            null,
            Map.of());
    Demand d = container(cap(2, 4096, 0)).withService("s");

    PlacementResult result =
        Placement.forTier(Tier.CLUSTER).withWeights(weights).place(d, List.of(b, a));

    assertThat(((PlacementResult.Placed) result).chosen().id()).isEqualTo(winner);
  }

  @Test
  void proximityBreaksOtherwiseEqualCandidatesWhenAnAreaIsGiven() {
    Candidate far = located("a-far", AUGSBURG);
    Candidate near = located("b-near", MUNICH);
    Demand d =
        new Demand(
            "container", Set.of(), cap(1, 512, 0), Set.of(), Set.of(), new GeoArea(MUNICH, 200));

    PlacementResult result = Placement.place(Tier.ROOT, d, List.of(far, near));

    assertThat(((PlacementResult.Placed) result).chosen().id()).isEqualTo("b-near");
  }

  @Test
  void weightsMustBeUsable() {
    assertThatThrownBy(() -> new Weights(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Weights(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Candidate withService(String service, int count) {
    return new Candidate(
        "c", "c", true, List.of(), Set.of(), null, Map.of(), Map.of(service, count));
  }

  private static Candidate at(GeoPoint p) {
    return new Candidate("c", "c", true, List.of(), Set.of(), p, Map.of());
  }

  private static Candidate located(String id, GeoPoint p) {
    return new Candidate(
        id,
        id,
        true,
        List.of(offer("amd64", "container", cap(4, 8192, 0), cap(4, 8192, 0))),
        Set.of(),
        p,
        Map.of());
  }
}
