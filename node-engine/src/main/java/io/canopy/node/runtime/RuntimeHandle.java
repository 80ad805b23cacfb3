package io.canopy.node.runtime;

/**
 * What a runtime needs to find a workload again, also after the engine restarts: kept on disk.
 *
 * @param instanceId the root's instance id
 * @param runtime the {@link WorkloadRuntime#kind()} that runs it
 * @param runtimeId the container id (or domain name)
 * @param oneShot whether an exit 0 means COMPLETED
 */
public record RuntimeHandle(String instanceId, String runtime, String runtimeId, boolean oneShot) {}
