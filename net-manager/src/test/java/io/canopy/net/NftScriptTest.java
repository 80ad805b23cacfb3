package io.canopy.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.core.address.WorkerSubnet;
import io.canopy.net.NftState.PortKey;
import io.canopy.net.NftState.PortTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NftScriptTest {
  static final WorkerSubnet SUBNET = WorkerSubnet.of("10.18.0.0/26");

  static NftState state(Map<String, List<String>> services) {
    return new NftState(SUBNET, services, Map.of());
  }

  @Test
  void rebuildReplacesTheWholeTableAtomically() {
    String script =
        NftScript.rebuild(
            new NftState(
                SUBNET,
                Map.of("10.30.0.1", List.of("10.18.0.2", "10.18.0.66")),
                Map.of(new PortKey("tcp", 8080), new PortTarget("10.18.0.2", 80))));

    assertThat(script)
        .startsWith("add table ip canopy\ndelete table ip canopy\ntable ip canopy {")
        .contains("type nat hook prerouting priority dstnat")
        .contains("type nat hook output priority -100")
        .contains("ip saddr 10.18.0.0/26 ip daddr != { 10.18.0.0-10.29.255.255, 10.30.0.0/16 }")
        .contains("add map ip canopy be_10_30_0_1 { typeof numgen inc mod 2 : ip daddr; }")
        .contains("add element ip canopy be_10_30_0_1 { 0 : 10.18.0.2, 1 : 10.18.0.66 }")
        .contains("add rule ip canopy svc_10_30_0_1 dnat to numgen inc mod 2 map @be_10_30_0_1")
        .contains("add element ip canopy services { 10.30.0.1 : goto svc_10_30_0_1 }")
        .contains("add element ip canopy hostports { tcp . 8080 : 10.18.0.2 . 80 }")
        .contains("ip saddr 127.0.0.0/8 oifname \"canopy-br\" masquerade")
        .contains(
            "iifname \"canopy-br\" ip daddr 127.0.0.0/8 ct state != { established, related } drop");
  }

  @Test
  void replacingOneInstanceTouchesOnlyItsMapElement() {
    NftState before = state(Map.of("10.30.0.1", List.of("10.18.0.2", "10.18.0.3", "10.18.0.4")));
    NftState after = state(Map.of("10.30.0.1", List.of("10.18.0.2", "10.18.0.5", "10.18.0.4")));

    assertThat(NftScript.diff(before, after))
        .isEqualTo(
            """
            delete element ip canopy be_10_30_0_1 { 1 }
            add element ip canopy be_10_30_0_1 { 1 : 10.18.0.5 }
            """);
  }

  @Test
  void removingAnInstanceMovesTheLastSlotIntoTheHoleAndShrinksTheModulus() {
    Map<String, List<String>> old =
        Map.of("10.30.0.1", List.of("10.18.0.2", "10.18.0.3", "10.18.0.4"));
    Map<String, List<String>> slots =
        NftScript.assignSlots(old, Map.of("10.30.0.1", List.of("10.18.0.2", "10.18.0.4")));

    assertThat(slots.get("10.30.0.1")).containsExactly("10.18.0.2", "10.18.0.4");
    assertThat(NftScript.diff(state(old), state(slots)))
        .isEqualTo(
            """
            delete element ip canopy be_10_30_0_1 { 1 }
            add element ip canopy be_10_30_0_1 { 1 : 10.18.0.4 }
            delete element ip canopy be_10_30_0_1 { 2 }
            flush chain ip canopy svc_10_30_0_1
            add rule ip canopy svc_10_30_0_1 dnat to numgen inc mod 2 map @be_10_30_0_1
            """);
  }

  @Test
  void survivorsKeepTheirSlotsAndNewcomersFillHoles() {
    Map<String, List<String>> old = Map.of("s", List.of("a", "b", "c", "d"));

    assertThat(NftScript.assignSlots(old, Map.of("s", List.of("d", "x", "a", "c"))).get("s"))
        .containsExactly("a", "x", "c", "d");
    assertThat(NftScript.assignSlots(old, Map.of("s", List.of("d", "b"))).get("s"))
        .containsExactly("d", "b");
    assertThat(NftScript.assignSlots(old, Map.of("s", List.of("a", "b", "c", "d", "e"))).get("s"))
        .containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void unchangedStateNeedsNoScriptAndServicesComeAndGoWhole() {
    NftState one = state(Map.of("10.30.0.1", List.of("10.18.0.2")));
    NftState two = state(Map.of("10.30.0.2", List.of("10.18.0.2")));

    assertThat(NftScript.diff(one, one)).isEmpty();
    assertThat(NftScript.diff(one, two))
        .contains("delete element ip canopy services { 10.30.0.1 }")
        .contains("delete chain ip canopy svc_10_30_0_1")
        .contains("delete map ip canopy be_10_30_0_1")
        .contains("add element ip canopy services { 10.30.0.2 : goto svc_10_30_0_2 }")
        .doesNotContain("delete table");
  }

  @Test
  void hostPortChangesAreElementChanges() {
    NftState before =
        new NftState(
            SUBNET, Map.of(), Map.of(new PortKey("tcp", 8080), new PortTarget("10.18.0.2", 80)));
    NftState after =
        new NftState(
            SUBNET, Map.of(), Map.of(new PortKey("udp", 53), new PortTarget("10.18.0.3", 53)));

    assertThat(NftScript.diff(before, after))
        .isEqualTo(
            """
            delete element ip canopy hostports { tcp . 8080 }
            add element ip canopy hostports { udp . 53 : 10.18.0.3 . 53 }
            """);
  }

  @Test
  void aNewSubnetRebuilds() {
    NftState moved = new NftState(WorkerSubnet.of("10.18.0.64/26"), Map.of(), Map.of());

    assertThat(NftScript.diff(state(Map.of()), moved)).startsWith("add table ip canopy");
  }
}
