package io.canopy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.RootCommand;
import io.canopy.wire.node.NodeCommand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployFlowTest extends ClusterTestBase {

  @Test
  void deployReachesTheWorkerAndItsRunningStateReachesTheRoot() throws Exception {
    FakeWorker w = worker("deploy-a", 4, 4096);
    String id = newId();
    InstanceSpec spec = container(id, newId(), 0.5, 256, "");

    ROOT.send(new RootCommand.Deploy("cmd-" + id, spec));

    NodeCommand.Start start =
        w.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);
    assertThat(start.instance().nodeId()).isEqualTo(w.nodeId);
    assertThat(start.instance().service().code()).isEqualTo("canopy-test/busybox");
    ROOT.await(ClusterMessage.Ack.class, a -> a.commandId().equals("cmd-" + id), WAIT);
    InstanceStatus running = awaitRootState(id, InstanceState.RUNNING);
    assertThat(running.clusterId()).isEqualTo(FakeRoot.CLUSTER_ID);
    assertThat(running.nodeId()).isEqualTo(w.nodeId);
    assertThat(running.nodeName()).isEqualTo("deploy-a");
    assertThat(running.runtimeId()).isEqualTo("c-" + id);
    assertThat(running.publicIp()).isEqualTo("127.0.0.1");
    awaitRootState(id, InstanceState.NODE_SCHEDULED);
  }

  @Test
  void aRepeatedCommandIsAcknowledgedAgainButAppliedOnce() throws Exception {
    FakeWorker w = worker("deploy-b", 4, 4096);
    String id = newId();
    RootCommand.Deploy deploy =
        new RootCommand.Deploy("once-" + id, container(id, newId(), 0.5, 256, ""));

    ROOT.send(deploy);
    w.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);
    awaitState(id, InstanceState.RUNNING);
    ROOT.send(deploy);
    ROOT.send(deploy);

    eventually(
        "three acks",
        () ->
            ROOT.received(ClusterMessage.Ack.class).stream()
                    .filter(a -> a.commandId().equals("once-" + id))
                    .count()
                == 3);
    assertThat(w.commands(NodeCommand.Start.class))
        .filteredOn(s -> s.instance().instanceId().equals(id))
        .hasSize(1);
    assertThat(instance(id).state()).isEqualTo(InstanceState.RUNNING);
  }

  @Test
  void undeployStopsTheInstanceAndReportsUndeployed() throws Exception {
    FakeWorker w = worker("deploy-c", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);

    ROOT.send(new RootCommand.Undeploy("u-" + id, id));

    w.await(NodeCommand.Stop.class, s -> s.instanceId().equals(id), WAIT);
    awaitRootState(id, InstanceState.UNDEPLOYED);
    ROOT.await(ClusterMessage.Ack.class, a -> a.commandId().equals("u-" + id), WAIT);
  }

  @Test
  void logsAreFetchedFromTheWorkerThatRunsTheInstance() throws Exception {
    FakeWorker w = worker("deploy-d", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);

    ROOT.send(new RootCommand.FetchLogs("logs-" + id, id, 5));
    NodeCommand.FetchLogs asked =
        w.await(NodeCommand.FetchLogs.class, f -> f.requestId().equals("logs-" + id), WAIT);
    assertThat(asked.lines()).isEqualTo(5);
    w.logs(asked.requestId(), id, List.of("line 1", "line 2"));

    ClusterMessage.LogsResult result =
        ROOT.await(ClusterMessage.LogsResult.class, r -> r.requestId().equals("logs-" + id), WAIT);
    assertThat(result.lines()).containsExactly("line 1", "line 2");
    assertThat(result.error()).isNull();

    ROOT.send(new RootCommand.FetchLogs("logs-unknown", newId(), 5));
    assertThat(
            ROOT.await(
                    ClusterMessage.LogsResult.class,
                    r -> r.requestId().equals("logs-unknown"),
                    WAIT)
                .error())
        .contains("no worker");
  }

  @Test
  void anInstanceListThatDisagreesGetsTheDesiredListBack() throws Exception {
    FakeWorker w = worker("deploy-e", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);
    w.clearCommands();

    String stranger = newId();
    w.publishList(Map.of(stranger, InstanceState.RUNNING));

    NodeCommand.Desired desired = w.await(NodeCommand.Desired.class, d -> true, WAIT);
    assertThat(desired.instances()).extracting(InstanceSpec::instanceId).containsExactly(id);
  }

  @Test
  void aFinishedInstanceKeepsItsRemainsOnTheWorkerUntilUndeployed() throws Exception {
    FakeWorker w = worker("deploy-h", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);
    w.status(id, InstanceState.COMPLETED, 0);
    awaitRootState(id, InstanceState.COMPLETED);
    w.clearCommands();

    // the worker still lists the exited container; another disagreement triggers a Desired list
    String stranger = newId();
    w.publishList(Map.of(stranger, InstanceState.RUNNING));

    NodeCommand.Desired desired = w.await(NodeCommand.Desired.class, d -> true, WAIT);
    assertThat(desired.instances()).isEmpty();
    assertThat(desired.finished()).containsExactly(id);
    assertThat(w.commands(NodeCommand.Stop.class)).noneMatch(s -> s.instanceId().equals(id));

    ROOT.send(new RootCommand.Undeploy("u-" + id, id));
    w.await(NodeCommand.Stop.class, s -> s.instanceId().equals(id), WAIT);
  }

  @Test
  void aMissedInstanceChangeIsCaughtUpByTheList() throws Exception {
    FakeWorker w = worker("deploy-f", 4, 4096);
    w.autoRun(false);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    w.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);

    w.publishList(Map.of(id, InstanceState.RUNNING));

    awaitRootState(id, InstanceState.RUNNING);
  }

  @Test
  void aListBuiltBeforeTheLatestChangeDoesNotUndoIt() throws Exception {
    FakeWorker w = worker("deploy-g", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);
    w.autoRun(false);
    java.time.Instant before = java.time.Instant.now();
    Thread.sleep(5);
    w.status(id, InstanceState.DEAD, 3);
    awaitState(id, InstanceState.DEAD);

    InstanceStatus stale =
        InstanceStatus.onWorker(id, InstanceState.RUNNING, w.nodeId, null, null, null);
    w.publishListOf(
        List.of(
            new InstanceStatus(
                id,
                stale.state(),
                null,
                w.nodeId,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                before)));
    w.publishListOf(List.of(stale)); // a fresh one is applied

    awaitState(id, InstanceState.RUNNING);
    // the report to the root leaves after the store has the change: wait for it to arrive
    eventually(
        "the root told of the second RUNNING",
        () ->
            ROOT.received(ClusterMessage.InstanceChanged.class).stream()
                    .flatMap(c -> c.statuses().stream())
                    .filter(st -> st.instanceId().equals(id))
                    .filter(st -> st.state() == InstanceState.RUNNING)
                    .count()
                >= 2);
    assertThat(
            ROOT.received(ClusterMessage.InstanceChanged.class).stream()
                .flatMap(c -> c.statuses().stream())
                .filter(st -> st.instanceId().equals(id))
                .map(InstanceStatus::state)
                .toList())
        .containsSubsequence(InstanceState.RUNNING, InstanceState.DEAD, InstanceState.RUNNING)
        .filteredOn(st -> st == InstanceState.RUNNING)
        .hasSize(2);
  }

  static InstanceStatus awaitRootState(String id, InstanceState state) {
    ClusterMessage.InstanceChanged changed =
        ROOT.await(
            ClusterMessage.InstanceChanged.class,
            c ->
                c.statuses().stream()
                    .anyMatch(s -> s.instanceId().equals(id) && s.state() == state),
            WAIT);
    return changed.statuses().stream()
        .filter(s -> s.instanceId().equals(id) && s.state() == state)
        .findFirst()
        .orElseThrow();
  }
}
