package io.canopy.core.lifecycle;

import io.canopy.wire.InstanceState;

/** What a reconciliation decided for one instance. */
public sealed interface ReconcileAction {

  String instanceId();

  /** Wanted but not there (never reported, or reported gone): create and start it. */
  record Start(String instanceId, String reason) implements ReconcileAction {}

  /** There but not wanted (unknown here, or desired STOP): stop and remove it. */
  record Stop(String instanceId, String reason) implements ReconcileAction {}

  /**
   * Nothing for reconciliation to do. {@code observed} (null when never reported) lets the caller
   * hand DEAD or FAILED instances to the {@link RestartPolicy}, which reconciliation does not
   * judge.
   */
  record Leave(String instanceId, InstanceState observed) implements ReconcileAction {}
}
