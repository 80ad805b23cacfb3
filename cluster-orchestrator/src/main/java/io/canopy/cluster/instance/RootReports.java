package io.canopy.cluster.instance;

import io.canopy.cluster.node.WorkerRecord;
import io.canopy.cluster.node.WorkerStore;
import io.canopy.cluster.root.RootLink;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.cluster.ClusterMessage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every observed change goes to the root at once, with the cluster's fields filled in. */
@Component
public class RootReports {
  private final RootLink root;
  private final WorkerStore workers;
  private final Clock clock;

  RootReports(RootLink root, WorkerStore workers, Clock clock) {
    this.root = root;
    this.workers = workers;
    this.clock = clock;
  }

  void changed(InstanceRecord r) {
    root.send(new ClusterMessage.InstanceChanged(List.of(status(r))));
  }

  /** An instance this cluster does not know is, as far as it can tell, undeployed. */
  void gone(String instanceId) {
    root.send(
        new ClusterMessage.InstanceChanged(
            List.of(
                new InstanceStatus(
                    instanceId,
                    InstanceState.UNDEPLOYED,
                    root.clusterId(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "not known in this cluster",
                    null,
                    List.of(),
                    clock.instant()))));
  }

  public InstanceStatus status(InstanceRecord r) {
    Optional<WorkerRecord> worker = workers.find(r.nodeId());
    return new InstanceStatus(
        r.instanceId(),
        r.state(),
        root.clusterId(),
        r.nodeId(),
        worker.map(WorkerRecord::name).orElse(null),
        r.instanceIp(),
        worker.map(WorkerRecord::underlayAddress).orElse(null),
        r.runtimeId(),
        r.exitCode(),
        r.reason(),
        r.schedulingFailure(),
        r.rejections(),
        clock.instant());
  }
}
