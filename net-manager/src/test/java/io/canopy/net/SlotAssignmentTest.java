package io.canopy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** Slot assignment keeps map changes minimal, whatever comes and goes. */
class SlotAssignmentTest {

  @Property(tries = 300)
  void everyWantedBackendGetsExactlyOneSlot(
      @ForAll @Size(max = 12) @UniqueElements List<@IntRange(max = 20) Integer> before,
      @ForAll @Size(max = 12) @UniqueElements List<@IntRange(max = 20) Integer> wanted) {
    List<String> slots = assign(before, wanted);

    assertThat(slots).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(new LinkedHashSet<>(slots)).isEqualTo(new LinkedHashSet<>(names(wanted)));
  }

  @Property(tries = 300)
  void survivorsStayInTheirSlotUnlessTheirSlotIsCutOff(
      @ForAll @Size(max = 12) @UniqueElements List<@IntRange(max = 20) Integer> before,
      @ForAll @Size(max = 12) @UniqueElements List<@IntRange(max = 20) Integer> wanted) {
    List<String> old = names(before);
    List<String> slots = assign(before, wanted);

    int changed = 0;
    for (int slot = 0; slot < Math.min(old.size(), slots.size()); slot++) {
      if (wanted.contains(before.get(slot))) {
        assertThat(slots.get(slot)).isEqualTo(old.get(slot));
      }
      if (!slots.get(slot).equals(old.get(slot))) {
        changed++;
      }
    }
    // a slot only changes when its backend left: never more changes than departures
    long departed = before.stream().filter(b -> !wanted.contains(b)).count();
    assertThat(changed).isLessThanOrEqualTo((int) departed);
  }

  private static List<String> assign(List<Integer> before, List<Integer> wanted) {
    return NftScript.assignSlots(Map.of("s", names(before)), Map.of("s", names(wanted))).get("s");
  }

  private static List<String> names(List<Integer> numbers) {
    return numbers.stream().map(n -> "10.18.0." + (n + 2)).toList();
  }
}
