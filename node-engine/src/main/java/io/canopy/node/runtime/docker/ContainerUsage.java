package io.canopy.node.runtime.docker;

import io.canopy.node.runtime.CpuMeter;
import io.canopy.node.runtime.RuntimeStats;
import io.canopy.node.runtime.cgroup.CgroupMounts;
import io.canopy.node.runtime.cgroup.ProcessCgroup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Containers' resource use read straight from their cgroup files: microseconds per container, where
 * Docker's one-shot stats call takes a second or two. A container's cgroup is looked up once (from
 * its main process) and kept until the container goes. Empty when the cgroup cannot be read here,
 * e.g. when this engine runs in a PID namespace that does not see the container's process: the
 * caller then asks Docker.
 */
final class ContainerUsage {
  private final CgroupMounts mounts;
  private final Path proc;
  private final Map<String, Optional<ProcessCgroup>> cgroups = new ConcurrentHashMap<>();
  private final CpuMeter cpu = new CpuMeter();

  ContainerUsage(CgroupMounts mounts, Path proc) {
    this.mounts = mounts;
    this.proc = proc;
  }

  /** This machine's cgroups, seen through {@code /proc}. */
  static ContainerUsage ofThisMachine() {
    return new ContainerUsage(CgroupMounts.read(Path.of("/proc/self/mounts")), Path.of("/proc"));
  }

  /**
   * @param pidOf the container's main process id (0 when it does not run); asked until the
   *     container's cgroup was looked up once
   */
  Optional<RuntimeStats> sample(String containerId, ToLongFunction<String> pidOf) {
    Optional<ProcessCgroup> cgroup = cgroups.get(containerId);
    if (cgroup == null) {
      long pid = pidOf.applyAsLong(containerId);
      if (pid <= 0) {
        return Optional.empty();
      }
      cgroup = ProcessCgroup.of(mounts, proc, pid);
      cgroups.put(containerId, cgroup);
    }
    if (cgroup.isEmpty()) {
      return Optional.empty();
    }
    ProcessCgroup g = cgroup.get();
    try {
      long memory = g.memoryBytes();
      long limit = g.memoryLimitBytes().orElseGet(ContainerUsage::hostMemory);
      var percent = cpu.percent(containerId, g::cpuNanos);
      return percent.isEmpty()
          ? Optional.empty()
          : Optional.of(new RuntimeStats(memory, limit, percent.getAsDouble()));
    } catch (IOException | RuntimeException e) {
      // the container went (its group was removed): look it up afresh should it be asked again
      forget(containerId);
      return Optional.empty();
    }
  }

  void forget(String containerId) {
    cgroups.remove(containerId);
    cpu.forget(containerId);
  }

  private static long hostMemory() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
  }
}
