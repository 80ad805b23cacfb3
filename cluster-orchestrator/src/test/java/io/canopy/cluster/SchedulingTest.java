package io.canopy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.Rejection;
import io.canopy.wire.SchedulingFailure;
import io.canopy.wire.cluster.RootCommand;
import org.junit.jupiter.api.Test;

class SchedulingTest extends ClusterTestBase {

  @Test
  void instancesOfOneServiceSpreadOverTheWorkers() throws Exception {
    FakeWorker a = worker("spread-a", 4, 4096);
    FakeWorker b = worker("spread-b", 4, 4096);
    String service = newId();
    String first = newId();
    String second = newId();

    ROOT.send(new RootCommand.Deploy("d-" + first, container(first, service, 0.5, 256, "")));
    awaitState(first, InstanceState.RUNNING);
    ROOT.send(new RootCommand.Deploy("d-" + second, container(second, service, 0.5, 256, "")));
    awaitState(second, InstanceState.RUNNING);

    assertThat(java.util.Set.of(instance(first).nodeId(), instance(second).nodeId()))
        .containsExactlyInAnyOrder(a.nodeId, b.nodeId);
  }

  @Test
  void noWorkerWithCapacityIsReportedWithEachWorkersReason() throws Exception {
    FakeWorker a = worker("small-a", 2, 1024);
    FakeWorker b = worker("small-b", 2, 2048);
    String id = newId();

    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 1, 100_000, "")));

    InstanceStatus status = DeployFlowTest.awaitRootState(id, InstanceState.UNSCHEDULABLE);
    assertThat(status.schedulingFailure()).isEqualTo(SchedulingFailure.NO_WORKER_CAPACITY);
    assertThat(status.reason()).isEqualTo("NO_WORKER_CAPACITY");
    assertThat(status.clusterId()).isEqualTo(FakeRoot.CLUSTER_ID);
    assertThat(status.rejections()).extracting(Rejection::candidateId).contains(a.nodeId, b.nodeId);
    assertThat(status.rejections())
        .filteredOn(r -> r.candidateId().equals(a.nodeId))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("100000 MB").contains("1024 MB free"));
  }

  @Test
  void noQualifiedWorkerWhenNoneRunsTheVirtualization() throws Exception {
    FakeWorker a = worker("qual-a", 4, 4096, "container");
    String id = newId();

    ROOT.send(
        new RootCommand.Deploy(
            "d-" + id,
            spec(
                id,
                newId(),
                """
                {"microservice_name":"uk","microservice_namespace":"ns","virtualization":"unikernel",
                 "code":"http://k/kernel.tar.gz","memory":64,"vcpus":1,"vgpus":0,"vtpus":0,
                 "bandwidth_in":0,"bandwidth_out":0,"storage":0,"one_shot":false,"privileged":false}
                """)));

    InstanceStatus status = DeployFlowTest.awaitRootState(id, InstanceState.UNSCHEDULABLE);
    assertThat(status.schedulingFailure()).isEqualTo(SchedulingFailure.NO_QUALIFIED_WORKER);
    assertThat(status.rejections())
        .filteredOn(r -> r.candidateId().equals(a.nodeId))
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("unikernel"));
  }

  @Test
  void aHostPortInUseOnEveryWorkerLeavesNoCapacity() throws Exception {
    FakeWorker a = worker("port-a", 4, 4096);
    FakeWorker b = worker("port-b", 4, 4096);
    String port = "\"port\":\"18080:80\"";
    String one = newId();
    String two = newId();
    String three = newId();

    ROOT.send(new RootCommand.Deploy("d-" + one, container(one, newId(), 0.1, 64, port)));
    awaitState(one, InstanceState.RUNNING);
    ROOT.send(new RootCommand.Deploy("d-" + two, container(two, newId(), 0.1, 64, port)));
    awaitState(two, InstanceState.RUNNING);
    ROOT.send(new RootCommand.Deploy("d-" + three, container(three, newId(), 0.1, 64, port)));

    assertThat(instance(one).nodeId()).isNotEqualTo(instance(two).nodeId());
    InstanceStatus status = DeployFlowTest.awaitRootState(three, InstanceState.UNSCHEDULABLE);
    assertThat(status.schedulingFailure()).isEqualTo(SchedulingFailure.NO_WORKER_CAPACITY);
    assertThat(status.rejections())
        .filteredOn(r -> r.candidateId().equals(a.nodeId) || r.candidateId().equals(b.nodeId))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.reason()).contains("18080/tcp"));
  }

  @Test
  void theDirectConstraintPinsTheWorker() throws Exception {
    worker("direct-a", 8, 16384);
    FakeWorker b = worker("direct-b", 1, 1024);
    String id = newId();

    ROOT.send(
        new RootCommand.Deploy(
            "d-" + id,
            container(
                id,
                newId(),
                0.5,
                128,
                "\"constraints\":[{\"type\":\"direct\",\"node\":\"direct-b\"}]")));

    awaitState(id, InstanceState.RUNNING);
    assertThat(instance(id).nodeId()).isEqualTo(b.nodeId);
  }

  @Test
  void anUnschedulableInstanceIsGivenBackAndPlacedWhenTheRootSendsItAgain() throws Exception {
    String id = newId();
    var spec = container(id, newId(), 0.5, 256, "");
    ROOT.send(new RootCommand.Deploy("d1-" + id, spec));
    InstanceStatus none = DeployFlowTest.awaitRootState(id, InstanceState.UNSCHEDULABLE);
    assertThat(none.schedulingFailure()).isEqualTo(SchedulingFailure.NO_ACTIVE_WORKER);
    FakeWorker late = worker("late-a", 4, 4096);
    Thread.sleep(500);
    assertThat(instance(id).state())
        .as("the root owns an unschedulable instance: the cluster does not retry by itself")
        .isEqualTo(InstanceState.UNSCHEDULABLE);

    ROOT.send(new RootCommand.Deploy("d2-" + id, spec));

    awaitState(id, InstanceState.RUNNING);
    assertThat(instance(id).nodeId()).isEqualTo(late.nodeId);
  }
}
