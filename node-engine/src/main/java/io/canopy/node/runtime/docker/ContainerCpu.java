package io.canopy.node.runtime.docker;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.Statistics;

/** CPU % the way {@code docker stats} computes it: container delta over system delta × CPUs. */
final class ContainerCpu {
  private ContainerCpu() {}

  static double percent(Statistics s) {
    CpuStatsConfig now = s.getCpuStats();
    CpuStatsConfig before = s.getPreCpuStats();
    if (now == null
        || before == null
        || now.getCpuUsage() == null
        || before.getCpuUsage() == null) {
      return 0;
    }
    Long total = now.getCpuUsage().getTotalUsage();
    Long prevTotal = before.getCpuUsage().getTotalUsage();
    Long system = now.getSystemCpuUsage();
    Long prevSystem = before.getSystemCpuUsage();
    if (total == null || prevTotal == null || system == null || prevSystem == null) {
      return 0;
    }
    long cpuDelta = total - prevTotal;
    long systemDelta = system - prevSystem;
    long cpus = now.getOnlineCpus() != null ? now.getOnlineCpus() : 1;
    return systemDelta > 0 && cpuDelta >= 0 ? cpuDelta * 100.0 * cpus / systemDelta : 0;
  }
}
