package io.canopy.cluster.instance;

import io.canopy.cluster.mqtt.WorkerChannel;
import io.canopy.cluster.net.NetTables;
import io.canopy.core.lifecycle.DesiredState;
import io.canopy.core.lifecycle.Lifecycle;
import io.canopy.core.lifecycle.Transition;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.node.NodeCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The instances the root gave this cluster: deploy, undeploy, the root's full desired state, and
 * what workers observe. Runs on the cluster loop only.
 */
@Component
public class InstanceService {
  private static final Logger log = LoggerFactory.getLogger(InstanceService.class);

  /** What a worker may say about an instance; the scheduling states are the cluster's own. */
  private static final Set<InstanceState> WORKER_STATES =
      EnumSet.of(
          InstanceState.CREATING,
          InstanceState.RUNNING,
          InstanceState.COMPLETED,
          InstanceState.FAILED,
          InstanceState.DEAD);

  private final InstanceStore store;
  private final Placer placer;
  private final WorkerChannel workers;
  private final RootReports reports;
  private final Clock clock;
  private final NetTables netTables;

  InstanceService(
      InstanceStore store,
      Placer placer,
      WorkerChannel workers,
      RootReports reports,
      Clock clock,
      NetTables netTables) {
    this.store = store;
    this.placer = placer;
    this.workers = workers;
    this.reports = reports;
    this.clock = clock;
    this.netTables = netTables;
  }

  /**
   * Idempotent: an instance the cluster holds is left as it is and its state reported again. One it
   * gave back to the root (UNSCHEDULABLE) or dropped (UNDEPLOYED) is placed anew: the root sends
   * such an instance again only when it wants it here (repeated commands are filtered by their
   * command id before they get here).
   */
  public void deploy(InstanceSpec spec) {
    if (spec == null || spec.instanceId() == null || spec.service() == null) {
      log.warn("ignoring a deploy without an instance id or service: {}", spec);
      return;
    }
    Optional<InstanceRecord> known = store.find(spec.instanceId());
    if (known.isPresent() && known.get().state() == InstanceState.UNSCHEDULABLE) {
      placer.place(known.get(), false);
      return;
    }
    if (known.isPresent() && known.get().state() != InstanceState.UNDEPLOYED) {
      reports.changed(known.get());
      return;
    }
    InstanceRecord arrived = store.save(InstanceRecord.arrived(spec, clock.instant()));
    placer.place(arrived, false);
  }

  /** Idempotent: an unknown or already undeployed instance is reported UNDEPLOYED again. */
  public void undeploy(String instanceId) {
    Optional<InstanceRecord> known = store.find(instanceId);
    if (known.isEmpty()) {
      reports.gone(instanceId);
      return;
    }
    InstanceRecord r = known.get();
    if (r.state() == InstanceState.UNDEPLOYED) {
      reports.changed(r);
      return;
    }
    InstanceRecord gone = r.stopping().inState(InstanceState.UNDEPLOYED, clock.instant());
    store.save(gone);
    // out of every worker's service rotation before it stops: no new connection goes to it
    netTables.refresh();
    if (r.nodeId() != null) {
      workers.send(r.nodeId(), new NodeCommand.Stop(UUID.randomUUID().toString(), instanceId));
    }
    reports.changed(gone);
  }

  /**
   * The root's full list: deploy what is missing, undeploy what is not listed; finished instances
   * the root still keeps stay as they are.
   */
  public void applyDesired(List<InstanceSpec> desired, List<String> finished) {
    Set<String> wanted = new HashSet<>(finished);
    for (InstanceSpec spec : desired) {
      wanted.add(spec.instanceId());
      deploy(spec);
    }
    for (InstanceRecord r : store.all()) {
      if (r.state() != InstanceState.UNDEPLOYED && !wanted.contains(r.instanceId())) {
        undeploy(r.instanceId());
      }
    }
  }

  /**
   * A worker observed an instance. A report from a worker the instance is not (or no longer) placed
   * on is a stale copy: that worker is told to stop it.
   *
   * @return the instance when its state changed
   */
  public Optional<InstanceRecord> observe(String nodeId, InstanceStatus status) {
    if (status == null || status.instanceId() == null || status.state() == null) {
      return Optional.empty();
    }
    InstanceRecord r = store.find(status.instanceId()).orElse(null);
    boolean wantedHere =
        r != null
            && nodeId.equals(r.nodeId())
            && r.desired() == DesiredState.RUN
            && r.state() != InstanceState.UNDEPLOYED;
    if (!wantedHere) {
      if (status.state() != InstanceState.UNDEPLOYED) {
        workers.send(
            nodeId, new NodeCommand.Stop(UUID.randomUUID().toString(), status.instanceId()));
      }
      return Optional.empty();
    }
    if (!r.live()) {
      return Optional.empty(); // COMPLETED and FAILED are final here
    }
    if (r.older(status)) {
      // A full list built before the latest change, or a redelivered message: already superseded.
      return Optional.empty();
    }
    if (status.state() == InstanceState.UNDEPLOYED) {
      // Gone from the worker while it should run (removed by hand, lost with the disk…).
      workers.send(nodeId, new NodeCommand.Start(UUID.randomUUID().toString(), r.spec()));
      return Optional.empty();
    }
    if (!WORKER_STATES.contains(status.state())) {
      log.warn(
          "worker {} reported {} for {}, which only the cluster sets",
          nodeId,
          status.state(),
          r.instanceId());
      return Optional.empty();
    }
    if (status.state() == r.state()) {
      InstanceRecord same =
          r.observed(status.runtimeId(), status.instanceIp(), status.exitCode(), status.reason())
              .withObservedAt(status.at());
      if (!Objects.equals(same.runtimeId(), r.runtimeId())
          || !Objects.equals(same.instanceIp(), r.instanceIp())) {
        store.save(same);
        reports.changed(same);
      }
      return Optional.empty();
    }
    Transition t = Lifecycle.transition(r.state(), status.state());
    if (t instanceof Transition.Refused refused) {
      log.info(
          "instance {}: ignoring worker {}'s report: {}", r.instanceId(), nodeId, refused.reason());
      return Optional.empty();
    }
    Instant now = clock.instant();
    InstanceRecord changed =
        r.inState(status.state(), now)
            .observed(status.runtimeId(), status.instanceIp(), status.exitCode(), status.reason())
            .withObservedAt(status.at());
    if (status.state() == InstanceState.DEAD) {
      changed = changed.failedAt(now);
    } else {
      changed = changed.restartDue(null);
    }
    store.save(changed);
    reports.changed(changed);
    return Optional.of(changed);
  }

  /** Every instance's latest state, for the root's sync request (undeployed ones are done). */
  public List<InstanceStatus> observedForRoot() {
    return store.all().stream()
        .filter(r -> r.state() != InstanceState.UNDEPLOYED)
        .map(reports::status)
        .toList();
  }
}
