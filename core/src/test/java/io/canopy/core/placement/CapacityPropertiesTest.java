package io.canopy.core.placement;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CapacityPropertiesTest {

  @Provide
  Arbitrary<Capacity> capacities() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 6400).map(i -> i / 100.0),
            Arbitraries.longs().between(0, 1 << 20),
            Arbitraries.integers().between(0, 8))
        .as(Capacity::new);
  }

  @Property(tries = 300)
  void minusUndoesPlus(@ForAll("capacities") Capacity a, @ForAll("capacities") Capacity b) {
    Capacity back = a.plus(b).minus(b);
    assertThat(back.memoryMb()).isEqualTo(a.memoryMb());
    assertThat(back.gpus()).isEqualTo(a.gpus());
    assertThat(back.vcpus()).isCloseTo(a.vcpus(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Property(tries = 300)
  void aSumHoldsEachOfItsParts(@ForAll("capacities") Capacity a, @ForAll("capacities") Capacity b) {
    assertThat(a.plus(b).fits(a)).isTrue();
    assertThat(a.plus(b).fits(b)).isTrue();
    assertThat(a.fits(a)).isTrue();
  }

  @Property(tries = 300)
  void whatFitsLeavesNothingNegative(
      @ForAll("capacities") Capacity free, @ForAll("capacities") Capacity needed) {
    Capacity left = free.minus(needed);
    boolean nonNegative = left.vcpus() >= -1e-9 && left.memoryMb() >= 0 && left.gpus() >= 0;
    assertThat(free.fits(needed)).isEqualTo(nonNegative);
  }

  @Property(tries = 300)
  void maxIsTheSmallestCapacityHoldingBoth(
      @ForAll("capacities") Capacity a, @ForAll("capacities") Capacity b) {
    Capacity m = a.max(b);
    assertThat(m).isEqualTo(b.max(a));
    assertThat(m.fits(a) && m.fits(b)).isTrue();
    assertThat(m.equals(a) || m.equals(b) || (!a.fits(b) && !b.fits(a))).isTrue();
  }

  @Property(tries = 200)
  void fractionalReservationsAddUpToTheirTotal(@ForAll("tenths") int n) {
    Capacity sum = Capacity.ZERO;
    for (int i = 0; i < n; i++) {
      sum = sum.plus(new Capacity(0.1, 0, 0));
    }
    assertThat(new Capacity(n / 10.0, 0, 0).fits(sum)).isTrue();
  }

  @Provide
  Arbitrary<Integer> tenths() {
    return Arbitraries.integers().between(1, 200);
  }
}
