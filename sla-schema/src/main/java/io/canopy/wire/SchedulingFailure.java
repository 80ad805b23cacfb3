package io.canopy.wire;

/** Why a placement found no candidate; shown as the instance's status, as Oakestra does. */
public enum SchedulingFailure {
  /** Root: no active cluster has the capacity and qualities the service asks for. */
  NO_ACTIVE_CLUSTER_WITH_CAPACITY,
  /** Root: every cluster is inactive (or none is registered). */
  NO_ACTIVE_CLUSTER,
  /** Cluster: workers qualify (runtime, arch, constraints) but none has the free capacity. */
  NO_WORKER_CAPACITY,
  /** Cluster: no worker qualifies (runtime, arch, direct constraint) whatever its capacity. */
  NO_QUALIFIED_WORKER,
  /** Cluster: it has no active worker at all. */
  NO_ACTIVE_WORKER
}
