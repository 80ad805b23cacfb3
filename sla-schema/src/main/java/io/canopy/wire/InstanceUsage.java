package io.canopy.wire;

import java.time.Instant;

/**
 * One running instance's resource use as its worker sampled it. Workers send it every report
 * interval with their instance list; clusters pass each sample on to the root once, with their
 * resources report; the root keeps a short history per instance.
 *
 * @param instanceId the root's instance id
 * @param cpuPercent CPU use since the worker's previous sample of it; 100 = one core fully busy
 * @param memoryBytes memory in use (for containers without the reclaimable page cache, as {@code
 *     docker stats} counts it; for unikernels the memory the guest was given)
 * @param at when it was sampled
 */
public record InstanceUsage(String instanceId, double cpuPercent, long memoryBytes, Instant at) {}
