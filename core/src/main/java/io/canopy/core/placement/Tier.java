package io.canopy.core.placement;

import io.canopy.wire.SchedulingFailure;

/** Which scheduler runs the placement: the root over clusters, or a cluster over its workers. */
public enum Tier {
  ROOT(
      SchedulingFailure.NO_ACTIVE_CLUSTER,
      SchedulingFailure.NO_ACTIVE_CLUSTER_WITH_CAPACITY,
      SchedulingFailure.NO_ACTIVE_CLUSTER_WITH_CAPACITY),
  CLUSTER(
      SchedulingFailure.NO_ACTIVE_WORKER,
      SchedulingFailure.NO_WORKER_CAPACITY,
      SchedulingFailure.NO_QUALIFIED_WORKER);

  private final SchedulingFailure noActive;
  private final SchedulingFailure noCapacity;
  private final SchedulingFailure noQualified;

  Tier(SchedulingFailure noActive, SchedulingFailure noCapacity, SchedulingFailure noQualified) {
    this.noActive = noActive;
    this.noCapacity = noCapacity;
    this.noQualified = noQualified;
  }

  /** No candidate is active (or there are none). */
  public SchedulingFailure noActive() {
    return noActive;
  }

  /** Some active candidate qualifies, but none has the free capacity or host ports. */
  public SchedulingFailure noCapacity() {
    return noCapacity;
  }

  /** No active candidate qualifies, whatever its capacity. */
  public SchedulingFailure noQualified() {
    return noQualified;
  }
}
