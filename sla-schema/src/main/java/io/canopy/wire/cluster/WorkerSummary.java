package io.canopy.wire.cluster;

import java.time.Instant;
import java.util.List;

/** One worker as the root shows it (dashboard, {@code GET /api/clusters/{id}/workers}). */
public record WorkerSummary(
    String nodeId,
    String name,
    String arch,
    List<String> runtimes,
    int cores,
    double cpuPercent,
    long memoryTotalMb,
    long memoryFreeMb,
    String subnet,
    String underlayAddress,
    boolean active,
    Instant lastReportAt) {

  public WorkerSummary {
    runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
  }
}
