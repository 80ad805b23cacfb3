package io.canopy.node.instance;

import io.canopy.node.runtime.RuntimeHandle;
import io.canopy.wire.InstanceSpec;

/**
 * One instance as the data dir keeps it.
 *
 * @param instanceId the instance
 * @param spec what the cluster asked for; null for a workload found by label without a file
 * @param handle its runtime handle; null when it never started
 */
record StoredInstance(String instanceId, InstanceSpec spec, RuntimeHandle handle) {}
