package io.canopy.node.runtime;

/**
 * A running workload's resource use.
 *
 * @param memoryBytes memory in use
 * @param memoryLimitBytes its limit (the host's memory when unlimited)
 * @param cpuPercent CPU use over the runtime's sampling window, 100 = one core
 */
public record RuntimeStats(long memoryBytes, long memoryLimitBytes, double cpuPercent) {}
