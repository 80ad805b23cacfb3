package io.canopy.node.instance;

import io.canopy.node.runtime.RuntimeHandle;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceStatus;

/**
 * One row of the local instance table.
 *
 * @param spec null for a workload adopted by label until the cluster's Desired names it
 * @param handle null while it has no workload
 * @param status the last status published
 * @param stopping set while a Stop runs, so the workload's exit is not reported as a death
 */
record Entry(InstanceSpec spec, RuntimeHandle handle, InstanceStatus status, boolean stopping) {
  Entry with(InstanceStatus next) {
    return new Entry(spec, handle, next, stopping);
  }
}
