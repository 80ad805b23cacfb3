package io.canopy.node.instance;

import io.canopy.node.runtime.Observation;
import io.canopy.node.runtime.RuntimeHandle;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** Builds the statuses this worker reports, all naming the node and its public address. */
final class Statuses {
  private final String nodeId;
  private final String nodeName;
  private final Supplier<String> publicIp;

  Statuses(String nodeId, String nodeName, Supplier<String> publicIp) {
    this.nodeId = nodeId;
    this.nodeName = nodeName;
    this.publicIp = publicIp;
  }

  InstanceStatus of(
      String instanceId,
      InstanceState state,
      String runtimeId,
      String instanceIp,
      Integer exitCode,
      String reason) {
    return new InstanceStatus(
        instanceId,
        state,
        null,
        nodeId,
        nodeName,
        instanceIp,
        publicIp.get(),
        runtimeId,
        exitCode,
        reason,
        null,
        List.of(),
        Instant.now());
  }

  /**
   * The status of a workload that stopped by itself: a one-shot exit 0 is COMPLETED, any other
   * one-shot end FAILED, and a service that should run is DEAD.
   */
  InstanceStatus ended(RuntimeHandle handle, Observation o, String whileAway) {
    Integer code = o.exists() ? o.exitCode() : null;
    InstanceState state;
    if (handle.oneShot()) {
      state = code != null && code == 0 ? InstanceState.COMPLETED : InstanceState.FAILED;
    } else {
      state = InstanceState.DEAD;
    }
    String reason;
    if (!o.exists()) {
      reason = "the container disappeared" + whileAway;
    } else {
      reason = "exited with code " + code + whileAway;
      if (o.oomKilled()) {
        reason += " (killed: out of memory)";
      }
      if (o.error() != null) {
        reason += ": " + o.error();
      }
    }
    return of(handle.instanceId(), state, handle.runtimeId(), null, code, reason);
  }
}
