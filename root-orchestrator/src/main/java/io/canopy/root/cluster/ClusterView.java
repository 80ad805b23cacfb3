package io.canopy.root.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.web.Oid;
import io.canopy.wire.ResourceClass;
import io.canopy.wire.cluster.ClusterResources;
import java.util.List;

/**
 * A cluster as Oakestra shows it ({@code _id, cluster_name, cluster_location, active, active_nodes,
 * aggregated_cpu_percent, memory_in_mb, total_cpu_cores, total_gpu_cores, virtualization}) plus
 * Canopy's additions: free memory, arches, the resource classes, whether its channel is open and
 * when it last reported.
 */
record ClusterView(
    @JsonProperty("_id") Oid id,
    @JsonProperty("cluster_name") String clusterName,
    @JsonProperty("cluster_location") String clusterLocation,
    @JsonProperty("active") boolean active,
    @JsonProperty("connected") boolean connected,
    @JsonProperty("active_nodes") int activeNodes,
    @JsonProperty("total_nodes") int totalNodes,
    @JsonProperty("aggregated_cpu_percent") double aggregatedCpuPercent,
    @JsonProperty("memory_in_mb") long memoryInMb,
    @JsonProperty("free_memory_in_mb") long freeMemoryInMb,
    @JsonProperty("total_cpu_cores") int totalCpuCores,
    @JsonProperty("total_gpu_cores") int totalGpuCores,
    @JsonProperty("virtualization") List<String> virtualization,
    @JsonProperty("arch") List<String> arch,
    @JsonProperty("resource_classes") List<ResourceClass> resourceClasses,
    @JsonProperty("registered_at") String registeredAt,
    @JsonProperty("last_report_at") String lastReportAt) {

  static ClusterView of(ClusterDocument c, boolean active, boolean connected) {
    ClusterResources r = c.resources();
    return new ClusterView(
        Oid.of(c.id()),
        c.name(),
        c.location(),
        active,
        connected,
        r.activeWorkers(),
        r.totalWorkers(),
        r.cpuPercent(),
        r.totalMemoryMb(),
        r.freeMemoryMb(),
        r.totalCores(),
        r.totalGpus(),
        r.classes().stream().map(ResourceClass::virtualization).distinct().sorted().toList(),
        r.classes().stream().map(ResourceClass::arch).distinct().sorted().toList(),
        r.classes(),
        c.registeredAt() == null ? null : c.registeredAt().toString(),
        c.lastReportAt() == null ? null : c.lastReportAt().toString());
  }
}
