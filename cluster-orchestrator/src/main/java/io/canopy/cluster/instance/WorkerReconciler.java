package io.canopy.cluster.instance;

import io.canopy.cluster.mqtt.WorkerChannel;
import io.canopy.core.lifecycle.DesiredState;
import io.canopy.core.lifecycle.ReconcileAction;
import io.canopy.core.lifecycle.Reconciler;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.node.NodeCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings a worker back in line with what the cluster wants of it. Its periodic instance list is
 * compared with the instances placed on it; any difference (an unknown instance, a missing one, a
 * stale copy from before it was lost) is answered with the full {@link NodeCommand.Desired} list,
 * which the worker applies as a whole. Finished instances (COMPLETED, FAILED) are neither run nor
 * removed: their final state is kept here and their remains (exit code, logs) on the worker, until
 * they are undeployed.
 */
@Component
public class WorkerReconciler {
  private static final Logger log = LoggerFactory.getLogger(WorkerReconciler.class);

  private final InstanceStore store;
  private final InstanceService instances;
  private final Placer placer;
  private final WorkerChannel workers;

  WorkerReconciler(
      InstanceStore store, InstanceService instances, Placer placer, WorkerChannel workers) {
    this.store = store;
    this.instances = instances;
    this.placer = placer;
    this.workers = workers;
  }

  /**
   * @return the instances whose state the list changed (a missed instance-changed message)
   */
  public List<InstanceRecord> reconcile(String nodeId, List<InstanceStatus> observed) {
    List<InstanceRecord> changed = new ArrayList<>();
    for (InstanceStatus s : observed) {
      store
          .find(s.instanceId())
          .filter(r -> nodeId.equals(r.nodeId()) && r.live() && r.state() != s.state())
          .flatMap(r -> instances.observe(nodeId, s))
          .ifPresent(changed::add);
    }
    Set<String> finished = finishedOn(nodeId);
    List<InstanceStatus> stillWorkedOn =
        observed.stream().filter(s -> !finished.contains(s.instanceId())).toList();
    List<ReconcileAction> actions = Reconciler.reconcile(desiredOn(nodeId), stillWorkedOn);
    List<ReconcileAction> needed =
        actions.stream().filter(a -> !(a instanceof ReconcileAction.Leave)).toList();
    if (!needed.isEmpty()) {
      log.info("worker {} disagrees with the cluster: {}", nodeId, needed);
      sendDesired(nodeId);
    }
    return changed;
  }

  /** Tells the worker everything it should run; it removes the rest. */
  public void sendDesired(String nodeId) {
    List<InstanceSpec> specs =
        store.onNode(nodeId).stream()
            .filter(r -> r.live() && r.reserves())
            .map(InstanceRecord::spec)
            .toList();
    workers.send(
        nodeId,
        new NodeCommand.Desired(
            UUID.randomUUID().toString(), specs, List.copyOf(finishedOn(nodeId))));
  }

  /** Ended instances placed here and not undeployed: the worker keeps them as they are. */
  private Set<String> finishedOn(String nodeId) {
    Set<String> finished = new HashSet<>();
    for (InstanceRecord r : store.onNode(nodeId)) {
      if (r.desired() == DesiredState.RUN
          && (r.state() == InstanceState.COMPLETED || r.state() == InstanceState.FAILED)) {
        finished.add(r.instanceId());
      }
    }
    return finished;
  }

  /** A lost worker's instances go to the other workers. */
  public void workerLost(String nodeId, String why) {
    for (InstanceRecord r : store.onNode(nodeId)) {
      if (r.live() && r.reserves()) {
        placer.reschedule(r, "worker " + nodeId + " lost: " + why, false);
      }
    }
  }

  private Map<String, DesiredState> desiredOn(String nodeId) {
    Map<String, DesiredState> desired = new HashMap<>();
    for (InstanceRecord r : store.onNode(nodeId)) {
      if (r.live() && r.reserves()) {
        desired.put(r.instanceId(), DesiredState.RUN);
      }
    }
    return desired;
  }
}
