package io.canopy.core.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.core.address.Cidr;
import io.canopy.wire.net.OverlayView;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverlayFilterTest {
  private static final Peer B1 = new Peer("192.0.2.21", "10.19.0.0/26");
  private static final ServiceInstance ON_B1 =
      new ServiceInstance("i-1", "10.19.0.2", "192.0.2.21");

  @Test
  void aSoundOverlayIsKeptWhole() {
    OverlayView view =
        new OverlayView(Map.of("10.30.0.5", List.of(ON_B1)), Map.of("b1@site-b", B1));

    OverlayFilter.Result result = OverlayFilter.filter(view, List.of());

    assertThat(result.problems()).isEmpty();
    assertThat(result.kept()).isEqualTo(view);
  }

  @Test
  void eachBadEntryIsLeftOutAloneAndNamed() {
    Map<String, Peer> peers = new HashMap<>();
    peers.put("b1", B1);
    peers.put("mine", new Peer("192.0.2.22", "10.18.0.0/26")); // overlaps the receiver's own
    peers.put("loop", new Peer("127.0.0.1", "10.19.1.0/26"));
    peers.put("name", new Peer("example.org", "10.19.2.0/26"));
    peers.put("wide", new Peer("192.0.2.23", "10.0.0.0/8"));
    peers.put("bad key!", new Peer("192.0.2.24", "10.19.3.0/26"));
    peers.put("inner", new Peer("10.30.0.9", "10.19.4.0/26"));
    Map<String, List<ServiceInstance>> services = new HashMap<>();
    services.put(
        "10.30.0.5",
        List.of(
            ON_B1,
            new ServiceInstance("i-2", "10.19.0.2", "192.0.2.21"), // same address twice
            new ServiceInstance("i-3", "10.19.0.1", "192.0.2.21"), // the gateway
            new ServiceInstance("i-4", "10.19.0.3", "192.0.2.99"), // not that worker's underlay
            new ServiceInstance("i-5", "10.20.0.2", "192.0.2.21"), // in no listed subnet
            new ServiceInstance("i 6", "10.19.0.4", "192.0.2.21")));
    services.put("10.31.0.1", List.of(ON_B1));
    services.put("10.30.0.6", null);

    OverlayFilter.Result result =
        OverlayFilter.filter(
            new OverlayView(services, peers), List.of(Cidr.parseCanonical("10.18.0.0/26")));

    assertThat(result.kept().peers()).containsOnlyKeys("b1");
    assertThat(result.kept().services()).containsOnlyKeys("10.30.0.5");
    assertThat(result.kept().services().get("10.30.0.5")).containsExactly(ON_B1);
    assertThat(result.problems())
        .contains(
            "worker mine: subnet 10.18.0.0/26 overlaps 10.18.0.0/26",
            "worker loop: underlay 127.0.0.1 is not a unicast address another host can reach",
            "worker name: underlay 'example.org' is not an IPv4 address",
            "worker wide: 10.0.0.0/8 must have a prefix length between /16 and /30",
            "a worker key is not 1-200 of [A-Za-z0-9_.@-]: 'bad key!'",
            "worker inner: underlay 10.30.0.9 lies inside the overlay's own addresses",
            "service IP 10.30.0.5: lists 10.19.0.2 twice",
            "service IP 10.30.0.5: instance i-3: 10.19.0.1 is not an instance address of"
                + " 10.19.0.0/26",
            "service IP 10.30.0.5: instance i-5: 10.20.0.2 is in no listed worker's subnet",
            "'10.31.0.1' is not a service IP of 10.30.0.0/16")
        .anyMatch(p -> p.contains("i-4: underlay '192.0.2.99' is not 192.0.2.21"))
        .anyMatch(p -> p.contains("'i 6'"));
  }

  @Test
  void anOversizedOverlayIsIgnoredWhole() {
    Map<String, Peer> peers = new HashMap<>();
    for (int i = 0; i <= OverlayFilter.MAX_PEERS; i++) {
      peers.put("w" + i, B1);
    }

    OverlayFilter.Result result = OverlayFilter.filter(new OverlayView(Map.of(), peers), List.of());

    assertThat(result.kept()).isEqualTo(OverlayView.EMPTY);
    assertThat(result.problems()).singleElement().asString().contains("more than");
  }

  @Test
  void nothingIsAnEmptyOverlay() {
    assertThat(OverlayFilter.filter(null, List.of()).kept()).isEqualTo(OverlayView.EMPTY);
  }

  @Test
  void concatKeepsTheFirstViewsInstancesFirstAndItsPeerOnARepeatedKey() {
    ServiceInstance local = new ServiceInstance("l-1", "10.18.0.2", "192.0.2.11");
    OverlayView own =
        new OverlayView(
            Map.of("10.30.0.5", List.of(local)),
            Map.of("a1", new Peer("192.0.2.11", "10.18.0.0/26")));
    OverlayView relayed =
        new OverlayView(
            Map.of("10.30.0.5", List.of(ON_B1), "10.30.0.1", List.of(ON_B1)),
            Map.of("b1@site-b", B1, "a1", B1));

    OverlayView all = OverlayViews.concat(List.of(own, relayed));

    assertThat(all.services().get("10.30.0.5")).containsExactly(local, ON_B1);
    assertThat(all.services().keySet()).containsExactly("10.30.0.1", "10.30.0.5");
    assertThat(all.peers())
        .containsExactly(
            Map.entry("a1", new Peer("192.0.2.11", "10.18.0.0/26")), Map.entry("b1@site-b", B1));
  }
}
