package io.canopy.wire;

/**
 * Aggregated capacity of the active workers of one arch and one virtualization. The {@code max…}
 * fields are the largest free amount on any single worker: a service fits a cluster only if it fits
 * one worker, which sums alone cannot tell.
 */
public record ResourceClass(
    String arch,
    String virtualization,
    int workers,
    double totalVcpus,
    double freeVcpus,
    long totalMemoryMb,
    long freeMemoryMb,
    int totalGpus,
    int freeGpus,
    double maxFreeVcpus,
    long maxFreeMemoryMb,
    int maxFreeGpus) {}
