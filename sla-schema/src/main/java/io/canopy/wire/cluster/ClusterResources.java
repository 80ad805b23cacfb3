package io.canopy.wire.cluster;

import io.canopy.wire.ResourceClass;
import java.util.List;

/**
 * What a cluster tells the root about its capacity, every few seconds.
 *
 * @param activeWorkers workers that reported recently
 * @param totalWorkers all registered workers
 * @param cpuPercent average CPU use over the active workers
 * @param totalCores physical cores over the active workers
 * @param classes capacity per (arch, virtualization)
 * @param workers every registered worker, for the root's API and dashboard
 */
public record ClusterResources(
    int activeWorkers,
    int totalWorkers,
    double cpuPercent,
    int totalCores,
    long totalMemoryMb,
    long freeMemoryMb,
    int totalGpus,
    List<ResourceClass> classes,
    List<WorkerSummary> workers) {

  public ClusterResources {
    classes = classes == null ? List.of() : List.copyOf(classes);
    workers = workers == null ? List.of() : List.copyOf(workers);
  }
}
