package io.canopy.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.Rejection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PlacementPropertiesTest {

  @Provide
  Arbitrary<List<Candidate>> candidates() {
    Arbitrary<Capacity> free =
        Combinators.combine(
                Arbitraries.integers().between(0, 8),
                Arbitraries.longs().between(0, 8192),
                Arbitraries.integers().between(0, 2))
            .as((c, m, g) -> new Capacity(c, m, g));
    Arbitrary<Candidate> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 9999),
                Arbitraries.of(true, true, true, false),
                Arbitraries.of("container", "unikernel"),
                Arbitraries.of("amd64", "arm64"),
                free,
                Arbitraries.integers().between(0, 3))
            .as(
                (id, active, virt, arch, f, same) ->
                    new Candidate(
                        "w" + id,
                        "w" + id,
                        active,
                        List.of(new Offer(arch, virt, f, new Capacity(8, 8192, 2))),
                        Set.of(),
                        null,
                        Map.of(),
                        Map.of("svc", same)));
    return one.list().ofMaxSize(12).uniqueElements(Candidate::id);
  }

  @Provide
  Arbitrary<Demand> demands() {
    return Combinators.combine(
            Arbitraries.of("container", "unikernel"),
            Arbitraries.of(Set.<String>of(), Set.of("amd64"), Set.of("arm64")),
            Arbitraries.integers().between(0, 8),
            Arbitraries.longs().between(0, 8192))
        .as(
            (virt, arches, cpus, mem) ->
                new Demand(
                    virt, arches, new Capacity(cpus, mem, 0), Set.of(), Set.of(), null, "svc"));
  }

  @Property(tries = 300)
  void theInputOrderNeverMatters(
      @ForAll("demands") Demand demand,
      @ForAll("candidates") List<Candidate> candidates,
      @ForAll long seed) {
    List<Candidate> shuffled = new ArrayList<>(candidates);
    Collections.shuffle(shuffled, new Random(seed));

    assertThat(Placement.place(Tier.CLUSTER, demand, shuffled))
        .isEqualTo(Placement.place(Tier.CLUSTER, demand, candidates));
  }

  @Property(tries = 300)
  void everyCandidateIsChosenRejectedOrOutscored(
      @ForAll("demands") Demand demand, @ForAll("candidates") List<Candidate> candidates) {
    PlacementResult result = Placement.place(Tier.CLUSTER, demand, candidates);

    List<String> rejected = result.rejections().stream().map(Rejection::candidateId).toList();
    assertThat(rejected).doesNotHaveDuplicates();
    for (Candidate c : candidates) {
      boolean fits =
          c.active()
              && c.offers().stream()
                  .anyMatch(
                      o ->
                          o.virtualization().equals(demand.virtualization())
                              && (demand.arches().isEmpty() || demand.arches().contains(o.arch()))
                              && o.free().fits(demand.needed()));
      assertThat(rejected.contains(c.id())).as(c.id()).isEqualTo(!fits);
    }
    if (result instanceof PlacementResult.Placed placed) {
      assertThat(rejected).doesNotContain(placed.chosen().id());
      assertThat(placed.score()).isBetween(0.0, 100.0);
    } else {
      assertThat(rejected).hasSameSizeAs(candidates);
    }
  }
}
