package io.canopy.wire;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one lifecycle of an instance, shared by every tier. The transition table lives here, next to
 * the states, so no tier can invent a transition of its own; {@code core}'s lifecycle applies it.
 */
public enum InstanceState {
  REQUESTED,
  /**
   * No candidate fits; the instance's status carries the reason and the per-candidate rejections.
   */
  UNSCHEDULABLE,
  CLUSTER_SCHEDULED,
  NODE_SCHEDULED,
  CREATING,
  RUNNING,
  /** A one-shot instance that exited 0. */
  COMPLETED,
  /** Could not be created or started, or a one-shot instance exited non-zero. */
  FAILED,
  /** Exited while it should run; restarted with backoff, then rescheduled. */
  DEAD,
  UNDEPLOYED;

  private static final Map<InstanceState, Set<InstanceState>> NEXT =
      Map.ofEntries(
          Map.entry(REQUESTED, EnumSet.of(CLUSTER_SCHEDULED, UNSCHEDULABLE, UNDEPLOYED)),
          Map.entry(UNSCHEDULABLE, EnumSet.of(REQUESTED, CLUSTER_SCHEDULED, UNDEPLOYED)),
          Map.entry(
              CLUSTER_SCHEDULED,
              EnumSet.of(NODE_SCHEDULED, UNSCHEDULABLE, REQUESTED, FAILED, UNDEPLOYED)),
          Map.entry(
              NODE_SCHEDULED,
              EnumSet.of(
                  CREATING,
                  RUNNING,
                  COMPLETED,
                  FAILED,
                  DEAD,
                  CLUSTER_SCHEDULED,
                  REQUESTED,
                  UNDEPLOYED)),
          Map.entry(
              CREATING,
              EnumSet.of(
                  RUNNING, COMPLETED, FAILED, DEAD, CLUSTER_SCHEDULED, REQUESTED, UNDEPLOYED)),
          Map.entry(
              RUNNING,
              EnumSet.of(COMPLETED, FAILED, DEAD, CLUSTER_SCHEDULED, REQUESTED, UNDEPLOYED)),
          Map.entry(
              DEAD,
              EnumSet.of(CREATING, RUNNING, FAILED, CLUSTER_SCHEDULED, REQUESTED, UNDEPLOYED)),
          Map.entry(FAILED, EnumSet.of(CLUSTER_SCHEDULED, REQUESTED, UNDEPLOYED)),
          Map.entry(COMPLETED, EnumSet.of(UNDEPLOYED)),
          Map.entry(UNDEPLOYED, EnumSet.noneOf(InstanceState.class)));

  /**
   * Whether the lifecycle allows moving from this state to {@code next}. Staying put is allowed.
   */
  public boolean canMoveTo(InstanceState next) {
    return next == this || NEXT.get(this).contains(next);
  }

  /** Terminal states never change again except to UNDEPLOYED. */
  public boolean isTerminal() {
    return this == COMPLETED || this == UNDEPLOYED;
  }

  /** States in which the instance holds resources on a worker. */
  public boolean occupiesWorker() {
    return this == NODE_SCHEDULED || this == CREATING || this == RUNNING || this == DEAD;
  }
}
