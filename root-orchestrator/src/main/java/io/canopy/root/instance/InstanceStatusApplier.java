package io.canopy.root.instance;

import io.canopy.core.lifecycle.DesiredState;
import io.canopy.core.lifecycle.Lifecycle;
import io.canopy.core.lifecycle.Transition;
import io.canopy.root.cluster.ClusterDocument;
import io.canopy.root.cluster.ClusterStore;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies a cluster's observation of an instance through the one lifecycle: an illegal move is
 * refused and logged, never stored. A report may skip states the root did not see (a cluster that
 * answers a repeated deploy with RUNNING): the move is applied when a path of legal transitions
 * through them exists. Reports about instances the root no longer has, or placed on another
 * cluster, change nothing; a waiting instance that a cluster reports running is taken back there
 * instead of being started twice.
 */
@Component
public class InstanceStatusApplier {
  private static final Logger log = LoggerFactory.getLogger(InstanceStatusApplier.class);

  private final InstanceStore instances;
  private final ClusterStore clusters;
  private final DeployLatency latency;

  InstanceStatusApplier(InstanceStore instances, ClusterStore clusters, DeployLatency latency) {
    this.instances = instances;
    this.clusters = clusters;
    this.latency = latency;
  }

  /** What became of one report. */
  public enum Outcome {
    APPLIED,
    ADOPTED,
    UNCHANGED,
    REFUSED,
    UNKNOWN_INSTANCE,
    OTHER_CLUSTER,
    GIVEN_BACK
  }

  public Outcome apply(String clusterId, InstanceStatus status) {
    if (status == null || status.instanceId() == null || status.state() == null) {
      log.warn("Cluster {} sent a status without instance id or state: {}", clusterId, status);
      return Outcome.REFUSED;
    }
    AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.UNKNOWN_INSTANCE);
    AtomicReference<String> refusal = new AtomicReference<>();
    AtomicReference<InstanceDocument> before = new AtomicReference<>();
    Optional<ClusterDocument> reporter = clusters.byId(clusterId);
    Optional<InstanceDocument> result =
        instances.update(
            status.instanceId(),
            current -> {
              before.set(current);
              return next(current, clusterId, reporter, status, outcome, refusal);
            });
    if (result.isEmpty()) {
      log.debug("Cluster {} reported instance {}, unknown here", clusterId, status.instanceId());
      return Outcome.UNKNOWN_INSTANCE;
    }
    if (outcome.get() == Outcome.APPLIED || outcome.get() == Outcome.ADOPTED) {
      latency.observed(before.get(), result.get());
    }
    switch (outcome.get()) {
      case REFUSED ->
          log.warn(
              "Refused cluster {}'s report for instance {}: {}",
              clusterId,
              status.instanceId(),
              refusal.get());
      case OTHER_CLUSTER ->
          log.info(
              "Ignored cluster {}'s report for instance {}: it is placed elsewhere",
              clusterId,
              status.instanceId());
      case ADOPTED ->
          log.info(
              "Instance {} is {} on cluster {}: taken back there",
              status.instanceId(),
              status.state(),
              clusterId);
      default -> {}
    }
    return outcome.get();
  }

  private static InstanceDocument next(
      InstanceDocument current,
      String clusterId,
      Optional<ClusterDocument> reporter,
      InstanceStatus status,
      AtomicReference<Outcome> outcome,
      AtomicReference<String> refusal) {
    refusal.set(null);
    if (current.desired() == DesiredState.STOP) {
      outcome.set(Outcome.UNCHANGED);
      return current;
    }
    if (!clusterId.equals(current.clusterId())) {
      boolean waiting =
          current.clusterId() == null
              && (current.state() == InstanceState.REQUESTED
                  || current.state() == InstanceState.UNSCHEDULABLE);
      if (waiting && status.state().occupiesWorker() && reporter.isPresent()) {
        ClusterDocument c = reporter.get();
        InstanceDocument placed = current.placed(c.id(), c.name(), c.location(), null, List.of());
        if (legalPath(placed.state(), status.state())) {
          outcome.set(Outcome.ADOPTED);
          return placed.observed(status);
        }
      }
      // Waiting for a placement, this report is old news from the cluster that gave it back:
      // nothing to apply, and nothing to stop (a running copy was taken back above).
      outcome.set(waiting ? Outcome.UNCHANGED : Outcome.OTHER_CLUSTER);
      return current;
    }
    Transition direct = Lifecycle.transition(current.state(), status.state());
    boolean onWorker = status.nodeId() != null && status.state().occupiesWorker();
    if (direct instanceof Transition.Refused refused
        && !(onWorker && legalPath(current.state(), status.state()))) {
      outcome.set(Outcome.REFUSED);
      refusal.set(refused.reason());
      return current;
    }
    return switch (status.state()) {
      case UNSCHEDULABLE -> {
        // The cluster found no worker: the root may try another cluster.
        outcome.set(Outcome.GIVEN_BACK);
        yield current.unschedulable(
            status.schedulingFailure(),
            "cluster " + current.clusterName() + ": " + reasonOf(status),
            status.rejections());
      }
      case UNDEPLOYED -> {
        // The root still wants it: a finished one was only cleaned up; one that should run was
        // dropped by its cluster and is placed again.
        if (current.state() == InstanceState.COMPLETED || current.state() == InstanceState.FAILED) {
          outcome.set(Outcome.UNCHANGED);
          yield current;
        }
        outcome.set(Outcome.GIVEN_BACK);
        yield current.requestedAgain(
            "cluster " + current.clusterName() + " undeployed it: " + reasonOf(status));
      }
      case REQUESTED -> {
        outcome.set(Outcome.GIVEN_BACK);
        yield current.requestedAgain(
            "cluster " + current.clusterName() + " gave it back: " + reasonOf(status));
      }
      default -> {
        InstanceDocument next = current.observed(status);
        outcome.set(next == current ? Outcome.UNCHANGED : Outcome.APPLIED);
        yield next;
      }
    };
  }

  /**
   * Whether {@code to} is reachable from {@code from} directly, or forward through the placement
   * states a report may have skipped (from CLUSTER_SCHEDULED via NODE_SCHEDULED; from a waiting
   * state via both), every step allowed by the lifecycle. Never backwards: a late NODE_SCHEDULED
   * after RUNNING stays refused.
   */
  static boolean legalPath(InstanceState from, InstanceState to) {
    if (allowed(from, to)) {
      return true;
    }
    boolean viaNode =
        allowed(InstanceState.CLUSTER_SCHEDULED, InstanceState.NODE_SCHEDULED)
            && allowed(InstanceState.NODE_SCHEDULED, to);
    return switch (from) {
      case CLUSTER_SCHEDULED -> viaNode;
      case REQUESTED, UNSCHEDULABLE -> allowed(from, InstanceState.CLUSTER_SCHEDULED) && viaNode;
      default -> false;
    };
  }

  private static boolean allowed(InstanceState from, InstanceState to) {
    return Lifecycle.transition(from, to) instanceof Transition.Applied;
  }

  private static String reasonOf(InstanceStatus status) {
    if (status.reason() != null && !status.reason().isBlank()) {
      return status.reason();
    }
    return status.schedulingFailure() == null
        ? "no reason given"
        : status.schedulingFailure().name();
  }
}
