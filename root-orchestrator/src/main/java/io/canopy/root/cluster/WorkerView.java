package io.canopy.root.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.wire.cluster.WorkerSummary;
import java.util.List;

/** One worker of a cluster, as the cluster last reported it. */
record WorkerView(
    @JsonProperty("node_id") String nodeId,
    @JsonProperty("name") String name,
    @JsonProperty("arch") String arch,
    @JsonProperty("runtimes") List<String> runtimes,
    @JsonProperty("cores") int cores,
    @JsonProperty("cpu_percent") double cpuPercent,
    @JsonProperty("memory_total_mb") long memoryTotalMb,
    @JsonProperty("memory_free_mb") long memoryFreeMb,
    @JsonProperty("subnet") String subnet,
    @JsonProperty("underlay_address") String underlayAddress,
    @JsonProperty("active") boolean active,
    @JsonProperty("last_report_at") String lastReportAt) {

  static WorkerView of(WorkerSummary w) {
    return new WorkerView(
        w.nodeId(),
        w.name(),
        w.arch(),
        w.runtimes(),
        w.cores(),
        w.cpuPercent(),
        w.memoryTotalMb(),
        w.memoryFreeMb(),
        w.subnet(),
        w.underlayAddress(),
        w.active(),
        w.lastReportAt() == null ? null : w.lastReportAt().toString());
  }
}
