package io.canopy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.InstanceState;
import io.canopy.wire.cluster.RootCommand;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import io.canopy.wire.node.NodeCommand;
import org.junit.jupiter.api.Test;

class NetTablesTest extends ClusterTestBase {

  @Test
  void everyWorkerGetsItsSubnetTheServicesAndItsPeers() throws Exception {
    FakeWorker a = worker("net-a", 4, 4096);
    FakeWorker b = worker("net-b", 4, 4096);
    ROOT.send(new RootCommand.SubnetGranted("s-a", a.nodeId, "10.18.0.0/26"));
    ROOT.send(new RootCommand.SubnetGranted("s-b", b.nodeId, "10.18.0.64/26"));
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
                "\"constraints\":[{\"type\":\"direct\",\"node\":\"net-a\"}]")));
    a.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);

    a.status(id, InstanceState.RUNNING, null, "10.18.0.2");

    NetworkTable atB = b.awaitTable(t -> t.services().containsKey("10.30.0.5"), WAIT);
    assertThat(atB.subnet()).isEqualTo("10.18.0.64/26");
    assertThat(atB.services().get("10.30.0.5"))
        .containsExactly(new ServiceInstance(id, "10.18.0.2", "127.0.0.1"));
    assertThat(atB.peers()).containsEntry(a.nodeId, new Peer("127.0.0.1", "10.18.0.0/26"));
    NetworkTable atA = a.awaitTable(t -> t.services().containsKey("10.30.0.5"), WAIT);
    assertThat(atA.subnet()).isEqualTo("10.18.0.0/26");
    assertThat(atA.peers()).containsOnlyKeys(b.nodeId);

    ROOT.send(new RootCommand.Undeploy("u-" + id, id));

    b.awaitTable(t -> !t.services().containsKey("10.30.0.5"), WAIT);
  }
}
