package io.canopy.root.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.core.address.WorkerSubnet;
import io.canopy.root.support.ClusterIT;
import io.canopy.root.support.TestCluster;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.RootCommand;
import io.canopy.wire.net.OverlayView;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two clusters on real channels: what one reports of its overlay reaches the other (only what the
 * root gave it), and leaves it when the first goes inactive or is deregistered.
 */
class OverlayRelayIT extends ClusterIT {

  /** Cluster A with one instance deployed and acknowledged, and one worker's subnet granted. */
  private record Placed(String serviceIp, ServiceInstance instance, Peer worker) {}

  private Placed placeOn(Registered a, TestCluster clusterA, String worker, String underlay) {
    String user = newUser(unique("u"));
    String serviceId = deployable(user, a.name(), 64);
    postAs(user, "/api/service/" + serviceId + "/instance", "{}");
    RootCommand.Deploy deploy = clusterA.next(RootCommand.Deploy.class);
    clusterA.send(new ClusterMessage.Ack(deploy.commandId()));
    clusterA.send(new ClusterMessage.SubnetRequest("s-" + worker, worker));
    String cidr = clusterA.next(RootCommand.SubnetGranted.class).cidr();
    String ip = WorkerSubnet.of(cidr).nextInstanceIp(List.of()).orElseThrow();
    return new Placed(
        deploy.instance().serviceIp(),
        new ServiceInstance(deploy.instance().instanceId(), ip, underlay),
        new Peer(underlay, cidr));
  }

  @Test
  void aClusterGetsTheOtherClustersInstancesUntilThatClusterGoesInactive() {
    Registered a = register(unique("a"));
    Registered b = register(unique("b"));
    TestCluster clusterA = connect(a, 6000);
    try (TestCluster clusterB = connect(b, 6000)) {
      Placed placed = placeOn(a, clusterA, "node-a1", "192.0.2.31");
      String aWorker = "node-a1@" + a.name();

      // A reports its overlay, with entries it may not speak for: only its own reach B.
      ServiceInstance unknown =
          new ServiceInstance("6650c0ffee00000000000bad", "10.18.0.3", "192.0.2.31");
      clusterA.send(
          new ClusterMessage.Resources(
              resources(6000),
              new OverlayView(
                  Map.of(
                      placed.serviceIp(),
                      List.of(placed.instance(), unknown),
                      "10.30.255.254", // not the service of that instance
                      List.of(placed.instance())),
                  Map.of(
                      "node-a1",
                      placed.worker(),
                      "node-a2",
                      new Peer("192.0.2.32", "10.29.255.192/26"))))); // not granted

      RootCommand.RemoteOverlay atB =
          clusterB.next(
              RootCommand.RemoteOverlay.class,
              o -> o.overlay().services().containsKey(placed.serviceIp()));
      assertThat(atB.overlay().services().get(placed.serviceIp()))
          .containsExactly(placed.instance());
      assertThat(atB.overlay().services()).doesNotContainKey("10.30.255.254");
      assertThat(atB.overlay().peers())
          .containsEntry(aWorker, placed.worker())
          .doesNotContainKey("node-a2@" + a.name());
      // A never gets its own entries back: only the relay it got when it connected.
      assertThat(clusterA.next(RootCommand.RemoteOverlay.class).overlay().peers())
          .doesNotContainKey(aWorker);
      clusterA.expectNone(RootCommand.RemoteOverlay.class, Duration.ofMillis(500));

      // Reports without an overlay mean "unchanged": nothing new for B.
      clusterA.send(new ClusterMessage.Resources(resources(6000)));
      clusterB.expectNone(RootCommand.RemoteOverlay.class, Duration.ofSeconds(2));

      // A's channel drops and A falls silent: its entries stay until it counts as inactive
      // (heartbeat timeout 30 s), then leave B.
      clusterB.drain(); // forget the relays B got before (they lack A's entries too)
      clusterA.close();
      long closed = System.nanoTime();
      RootCommand.RemoteOverlay withdrawn =
          clusterB.next(
              RootCommand.RemoteOverlay.class,
              o -> !o.overlay().peers().containsKey(aWorker),
              Duration.ofSeconds(50));
      assertThat(withdrawn.overlay().services()).doesNotContainKey(placed.serviceIp());
      assertThat(Duration.ofNanos(System.nanoTime() - closed))
          .isGreaterThan(Duration.ofSeconds(20));
    } finally {
      clusterA.close();
    }
  }

  @Test
  void aReconnectingClusterGetsTheRelayAtOnceAndADeregisteredOnesEntriesLeave() {
    Registered a = register(unique("a"));
    Registered b = register(unique("b"));
    try (TestCluster clusterA = connect(a, 6000)) {
      Placed placed = placeOn(a, clusterA, "node-a1", "192.0.2.41");
      clusterA.send(
          new ClusterMessage.Resources(
              resources(6000),
              new OverlayView(
                  Map.of(placed.serviceIp(), List.of(placed.instance())),
                  Map.of("node-a1", placed.worker()))));

      try (TestCluster clusterB = connect(b, 6000)) {
        // B connected after A reported: the relay comes right after its sync.
        RootCommand.RemoteOverlay first =
            clusterB.next(
                RootCommand.RemoteOverlay.class,
                o -> o.overlay().services().containsKey(placed.serviceIp()));
        assertThat(first.overlay().peers()).containsEntry("node-a1@" + a.name(), placed.worker());

        assertThat(deleteAs(adminToken(), "/api/clusters/" + a.id()).getResponse().getStatus())
            .isEqualTo(200);
        clusterB.next(
            RootCommand.RemoteOverlay.class,
            o -> !o.overlay().services().containsKey(placed.serviceIp()),
            Duration.ofSeconds(5));
      }
    }
  }
}
