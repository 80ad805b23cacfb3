package io.canopy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.InstanceState;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.RootCommand;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.OverlayView;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import io.canopy.wire.node.Fingerprint;
import io.canopy.wire.node.NodeCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cluster's half of the cross-cluster relay: it reports what its workers expose to the root and
 * merges what the root relays of other clusters into every worker's table.
 */
class OverlayRelayTest extends ClusterTestBase {
  private static final String REMOTE_WORKER = "9d8e7f6a5b4c3d2e1f0a9b8c@site-b";
  private static final Peer REMOTE_PEER = new Peer("192.0.2.21", "10.19.0.0/26");
  private static final ServiceInstance REMOTE_OF_5 =
      new ServiceInstance("6650c0ffee0000000000e001", "10.19.0.2", "192.0.2.21");
  private static final ServiceInstance REMOTE_OF_9 =
      new ServiceInstance("6650c0ffee0000000000e002", "10.19.0.3", "192.0.2.21");

  @Test
  void relayedInstancesAndWorkersJoinEveryTableAndLeaveWithTheRelay() throws Exception {
    FakeWorker a = worker(fingerprint("relay-a", "192.0.2.11"));
    FakeWorker b = worker(fingerprint("relay-b", "192.0.2.12"));
    ROOT.send(new RootCommand.SubnetGranted("s-ra", a.nodeId, "10.18.1.0/26"));
    ROOT.send(new RootCommand.SubnetGranted("s-rb", b.nodeId, "10.18.1.64/26"));
    a.autoRun(false);
    String id = newId();
    ROOT.send(
        new RootCommand.Deploy(
            "d-" + id,
            container(
                id,
                newId(),
                0.5,
                256,
                "\"constraints\":[{\"type\":\"direct\",\"node\":\"relay-a\"}]")));
    a.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);
    a.status(id, InstanceState.RUNNING, null, "10.18.1.2");
    ServiceInstance local = new ServiceInstance(id, "10.18.1.2", "192.0.2.11");

    // What this cluster's workers expose goes to the root with the resources report.
    OverlayView own =
        new OverlayView(
            Map.of("10.30.0.5", List.of(local)),
            Map.of(
                a.nodeId, new Peer("192.0.2.11", "10.18.1.0/26"),
                b.nodeId, new Peer("192.0.2.12", "10.18.1.64/26")));
    ROOT.await(ClusterMessage.Resources.class, r -> own.equals(r.overlay()), WAIT);

    try {
      ROOT.clear();
      Map<String, List<ServiceInstance>> services = new LinkedHashMap<>();
      services.put("10.30.0.5", List.of(REMOTE_OF_5));
      services.put("10.30.0.9", List.of(REMOTE_OF_9));
      services.put("10.31.0.1", List.of(REMOTE_OF_9)); // not a service IP
      services.put( // its worker's subnet collides with this cluster's: left out
          "10.30.0.7", List.of(new ServiceInstance("6650c0ffee0000000000e003", "10.18.1.3", "x")));
      Map<String, Peer> peers = new LinkedHashMap<>();
      peers.put(REMOTE_WORKER, REMOTE_PEER);
      peers.put("1a2b@site-c", new Peer("192.0.2.22", "10.18.1.0/26")); // a's subnet
      peers.put("3c4d@site-c", new Peer("example.org", "10.19.1.0/26")); // no address
      ROOT.send(new RootCommand.RemoteOverlay(new OverlayView(services, peers)));

      for (FakeWorker w : List.of(a, b)) {
        NetworkTable table = w.awaitLatestTable(t -> t.services().containsKey("10.30.0.9"), WAIT);
        assertThat(table.services().get("10.30.0.5")).containsExactly(local, REMOTE_OF_5);
        assertThat(table.services().get("10.30.0.9")).containsExactly(REMOTE_OF_9);
        assertThat(table.services()).containsOnlyKeys("10.30.0.5", "10.30.0.9");
        assertThat(table.peers()).containsEntry(REMOTE_WORKER, REMOTE_PEER).hasSize(2);
      }
      assertThat(a.awaitLatestTable(t -> true, WAIT).peers()).containsKey(b.nodeId);

      // The relay is not reported back as this cluster's own, and an unchanged overlay is not
      // sent again: the reports since the relay arrived carry none.
      Thread.sleep(1500); // three resources reports
      assertThat(ROOT.received(ClusterMessage.Resources.class))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.overlay()).isNull());

      // A new relay replaces the previous one: without entries, they leave every table.
      ROOT.send(new RootCommand.RemoteOverlay(OverlayView.EMPTY));
      NetworkTable withoutRelay =
          b.awaitLatestTable(t -> !t.services().containsKey("10.30.0.9"), WAIT);
      assertThat(withoutRelay.services().get("10.30.0.5")).containsExactly(local);
      assertThat(withoutRelay.peers()).containsOnlyKeys(a.nodeId);
    } finally {
      ROOT.send(new RootCommand.RemoteOverlay(OverlayView.EMPTY));
    }
  }

  private static Fingerprint fingerprint(String name, String underlay) {
    Fingerprint fp = FakeWorker.fingerprint(name, 4, 4096, "container");
    return new Fingerprint(
        fp.hostname(),
        fp.arch(),
        fp.os(),
        fp.cores(),
        fp.cpuPercent(),
        fp.memoryTotalMb(),
        fp.memoryFreeMb(),
        fp.diskTotalMb(),
        fp.diskFreeMb(),
        fp.gpus(),
        fp.runtimes(),
        underlay);
  }
}
