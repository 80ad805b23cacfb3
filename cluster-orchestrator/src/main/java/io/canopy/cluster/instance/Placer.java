package io.canopy.cluster.instance;

import io.canopy.cluster.mqtt.WorkerChannel;
import io.canopy.cluster.scheduling.WorkerScheduler;
import io.canopy.core.lifecycle.Lifecycle;
import io.canopy.core.lifecycle.Transition;
import io.canopy.core.placement.PlacementResult;
import io.canopy.wire.InstanceState;
import io.canopy.wire.node.NodeCommand;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts instances on workers: the first placement, the retries of the unschedulable ones and the
 * moves away from lost, stuck or failing workers.
 */
@Component
public class Placer {
  private static final Logger log = LoggerFactory.getLogger(Placer.class);

  private final InstanceStore store;
  private final WorkerScheduler scheduler;
  private final WorkerChannel workers;
  private final RootReports reports;
  private final Clock clock;

  Placer(
      InstanceStore store,
      WorkerScheduler scheduler,
      WorkerChannel workers,
      RootReports reports,
      Clock clock) {
    this.store = store;
    this.scheduler = scheduler;
    this.workers = workers;
    this.reports = reports;
    this.clock = clock;
  }

  /**
   * Places an instance that is CLUSTER_SCHEDULED or UNSCHEDULABLE (the root sent it again).
   *
   * @param mustAvoid true when it kept failing where it ran: with no other worker it gives up
   *     (FAILED) rather than failing there again; otherwise avoided workers are only a preference
   */
  void place(InstanceRecord r, boolean mustAvoid) {
    Set<String> avoid = new HashSet<>(r.avoidNodes());
    PlacementResult result = scheduler.place(r.spec(), avoid);
    if (result instanceof PlacementResult.Unschedulable && !avoid.isEmpty()) {
      if (mustAvoid) {
        InstanceRecord failed =
            move(r, InstanceState.FAILED)
                .withReason(
                    r.reason() + "; no other worker can take it (" + describe(result) + ")");
        store.save(failed);
        reports.changed(failed);
        return;
      }
      result = scheduler.place(r.spec(), Set.of());
    }
    switch (result) {
      case PlacementResult.Placed placed -> onWorker(r, placed.chosen().id());
      case PlacementResult.Unschedulable no -> unschedulable(r, no);
    }
  }

  /**
   * Takes an instance off its worker (stopping the copy there, if any) and places it again.
   *
   * @param failing it kept failing on its worker: never place it there again
   */
  public void reschedule(InstanceRecord r, String why, boolean failing) {
    if (!r.live()) {
      return;
    }
    String from = r.nodeId();
    if (from != null) {
      // A lost worker gets this when it comes back (persistent session), and its Desired list
      // no longer names the instance either: it never runs twice.
      workers.send(from, new NodeCommand.Stop(UUID.randomUUID().toString(), r.instanceId()));
    }
    log.info("rescheduling instance {} away from {}: {}", r.instanceId(), from, why);
    InstanceRecord moved = move(r, InstanceState.CLUSTER_SCHEDULED).onNode(null).withReason(why);
    moved = moved.avoiding(from);
    store.save(moved);
    reports.changed(moved);
    place(moved, failing);
  }

  private void onWorker(InstanceRecord r, String nodeId) {
    InstanceRecord base = r;
    if (base.state() == InstanceState.UNSCHEDULABLE) {
      base = move(base, InstanceState.CLUSTER_SCHEDULED);
    }
    InstanceRecord placed =
        move(base, InstanceState.NODE_SCHEDULED).onNode(nodeId).observed(null, null, null, null);
    store.save(placed);
    log.info(
        "placed instance {} of {} on worker {}",
        r.instanceId(),
        r.spec().serviceFullName(),
        nodeId);
    workers.send(nodeId, new NodeCommand.Start(UUID.randomUUID().toString(), placed.spec()));
    reports.changed(placed);
  }

  private void unschedulable(InstanceRecord r, PlacementResult.Unschedulable no) {
    // Reported UNSCHEDULABLE, the instance is the root's again: it may place it on another
    // cluster, or send the same instance here again later (a new deploy places it anew). The
    // cluster does not retry on its own, so it never competes with the root's decision.
    InstanceRecord marked =
        move(r, InstanceState.UNSCHEDULABLE).unschedulable(no.failure(), no.rejections());
    store.save(marked);
    reports.changed(marked);
  }

  private InstanceRecord move(InstanceRecord r, InstanceState to) {
    Transition t = Lifecycle.transition(r.state(), to);
    if (t instanceof Transition.Refused refused) {
      // The table is the one rule; a refused move here is a bug, kept visible and harmless.
      throw new IllegalStateException("instance " + r.instanceId() + ": " + refused.reason());
    }
    return r.inState(to, clock.instant());
  }

  private static String describe(PlacementResult result) {
    return result instanceof PlacementResult.Unschedulable u ? u.failure().name() : "placed";
  }
}
