package io.canopy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.cluster.RootCommand;
import io.canopy.wire.node.NodeCommand;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureTest extends ClusterTestBase {

  @Test
  void aLostWorkersInstancesMoveAndItsStaleCopyIsStoppedWhenItReturns() throws Exception {
    FakeWorker a = worker("lost-a", 4, 4096);
    FakeWorker b = worker("lost-b", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);
    FakeWorker from = instance(id).nodeId().equals(a.nodeId) ? a : b;
    FakeWorker to = from == a ? b : a;

    from.crash(); // the broker publishes its last will

    to.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);
    awaitState(id, InstanceState.RUNNING);
    assertThat(instance(id).nodeId()).isEqualTo(to.nodeId);
    assertThat(workers.find(from.nodeId).orElseThrow().active()).isFalse();
    DeployFlowTest.awaitRootState(id, InstanceState.CLUSTER_SCHEDULED);

    from.clearCommands();
    from.connect(); // back, with its persistent session and the old copy
    from.publishList(Map.of(id, InstanceState.RUNNING));

    NodeCommand.Desired desired = from.await(NodeCommand.Desired.class, d -> true, WAIT);
    assertThat(desired.instances()).extracting(InstanceSpec::instanceId).doesNotContain(id);
    eventually(
        "the returned worker is active", () -> workers.find(from.nodeId).orElseThrow().active());
    assertThat(instance(id).nodeId()).isEqualTo(to.nodeId);
  }

  @Test
  void threeMissedReportsMakeAWorkerLost() throws Exception {
    FakeWorker a = worker("silent-a", 4, 4096);
    FakeWorker b = worker("silent-b", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);
    FakeWorker from = instance(id).nodeId().equals(a.nodeId) ? a : b;
    FakeWorker to = from == a ? b : a;

    from.fallSilent(); // connected, no last will, but no reports either

    to.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);
    eventually("moved", () -> to.nodeId.equals(instance(id).nodeId()));
    assertThat(workers.find(from.nodeId).orElseThrow().active()).isFalse();
    from.await(NodeCommand.Stop.class, s -> s.instanceId().equals(id), WAIT);
  }

  @Test
  void anEngineRestartingOnPurposeKeepsItsInstancesWhileItIsAway() throws Exception {
    FakeWorker a = worker("restart-a", 4, 4096);
    FakeWorker b = worker("restart-b", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);
    FakeWorker on = instance(id).nodeId().equals(a.nodeId) ? a : b;
    FakeWorker other = on == a ? b : a;

    on.stopOnPurpose();
    // twice the missed-reports window (3 × 500 ms here) and still within the restart grace (6 s)
    Thread.sleep(3000);
    assertThat(workers.find(on.nodeId).orElseThrow().active()).isTrue();
    assertThat(instance(id).nodeId()).isEqualTo(on.nodeId);
    assertThat(instance(id).state()).isEqualTo(InstanceState.RUNNING);
    assertThat(other.commands(NodeCommand.Start.class))
        .noneMatch(s -> s.instance().instanceId().equals(id));

    on.connect(); // the restarted engine, with its persistent session
    on.await(NodeCommand.Desired.class, d -> true, WAIT);
    Thread.sleep(2000); // past the restart grace's start: nothing moves once it is back
    assertThat(instance(id).nodeId()).isEqualTo(on.nodeId);
    assertThat(workers.find(on.nodeId).orElseThrow().active()).isTrue();
  }

  @Test
  void anEngineThatStoppedOnPurposeAndStaysAwayIsLostAfterTheRestartGrace() throws Exception {
    FakeWorker a = worker("gone-a", 4, 4096);
    FakeWorker b = worker("gone-b", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);
    FakeWorker from = instance(id).nodeId().equals(a.nodeId) ? a : b;
    FakeWorker to = from == a ? b : a;
    long stopped = System.nanoTime();

    from.stopOnPurpose();

    to.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);
    assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isGreaterThan(Duration.ofSeconds(5));
    eventually("moved", () -> to.nodeId.equals(instance(id).nodeId()));
    assertThat(workers.find(from.nodeId).orElseThrow().active()).isFalse();
  }

  @Test
  void aDeadInstanceRestartsWithBackoffThenMovesThenFails() throws Exception {
    FakeWorker a = worker("dead-a", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);

    a.status(id, InstanceState.DEAD, 1);
    awaitState(id, InstanceState.DEAD);
    eventually(
        "restarted in place",
        () ->
            a.commands(NodeCommand.Start.class).stream()
                    .filter(s -> s.instance().instanceId().equals(id))
                    .count()
                == 2);
    awaitState(id, InstanceState.RUNNING);

    FakeWorker b = worker("dead-b", 4, 4096);
    a.autoRun(false);
    for (int failure = 2; failure <= 3; failure++) {
      a.status(id, InstanceState.DEAD, 1);
      if (failure < 3) { // the third failure moves it at once: DEAD may not be seen
        awaitState(id, InstanceState.DEAD);
        long starts = failure;
        eventually(
            "restart " + failure,
            () ->
                a.commands(NodeCommand.Start.class).stream()
                        .filter(s -> s.instance().instanceId().equals(id))
                        .count()
                    > starts);
        a.status(id, InstanceState.RUNNING, null);
        awaitState(id, InstanceState.RUNNING);
      }
    }
    // The third failure within the window: it moves to the other worker.
    b.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);
    awaitState(id, InstanceState.RUNNING);
    assertThat(instance(id).nodeId()).isEqualTo(b.nodeId);
    a.await(NodeCommand.Stop.class, s -> s.instanceId().equals(id), WAIT);

    // It fails three times there too, and no worker is left that it has not failed on.
    b.autoRun(false);
    for (int failure = 1; failure <= 3; failure++) {
      b.status(id, InstanceState.DEAD, 7);
      if (failure < 3) {
        awaitState(id, InstanceState.DEAD);
        long starts = failure + 1;
        eventually(
            "restart on b " + failure,
            () ->
                b.commands(NodeCommand.Start.class).stream()
                        .filter(s -> s.instance().instanceId().equals(id))
                        .count()
                    >= starts);
        b.status(id, InstanceState.RUNNING, null);
        awaitState(id, InstanceState.RUNNING);
      }
    }
    awaitState(id, InstanceState.FAILED);
    assertThat(instance(id).reason()).contains("no other worker");
    assertThat(DeployFlowTest.awaitRootState(id, InstanceState.FAILED).exitCode()).isEqualTo(7);
  }

  @Test
  void anInstanceStuckInNodeScheduledMovesToAnotherWorker() throws Exception {
    FakeWorker a = worker("stuck-a", 4, 4096);
    a.autoRun(false); // takes the command, never creates anything
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    a.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);
    FakeWorker b = worker("stuck-b", 4, 4096);

    b.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);
    awaitState(id, InstanceState.RUNNING);
    assertThat(instance(id).nodeId()).isEqualTo(b.nodeId);
    a.await(NodeCommand.Stop.class, s -> s.instanceId().equals(id), WAIT);
  }
}
