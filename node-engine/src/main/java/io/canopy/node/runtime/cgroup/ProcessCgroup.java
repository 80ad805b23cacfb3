package io.canopy.node.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The cgroup files of one process's group (a container's main process stands for the container):
 * CPU time and memory from cgroup v1 ({@code cpuacct.usage}, {@code memory.usage_in_bytes}) where
 * the controller is mounted as v1, else from cgroup v2 ({@code cpu.stat usage_usec}, {@code
 * memory.current}). Memory leaves out the inactive page cache, as {@code docker stats} does.
 *
 * @param memoryDir the group's directory in the memory hierarchy
 * @param memoryV2 whether that is the unified (v2) hierarchy
 * @param cpuDir the group's directory in the CPU accounting hierarchy
 * @param cpuV2 whether that is the unified (v2) hierarchy
 */
public record ProcessCgroup(Path memoryDir, boolean memoryV2, Path cpuDir, boolean cpuV2) {

  /**
   * Finds the groups of process {@code pid} from {@code <proc>/<pid>/cgroup}; empty when the
   * process is not visible here (another PID namespace) or its group directories are not.
   */
  public static Optional<ProcessCgroup> of(CgroupMounts mounts, Path proc, long pid) {
    List<String> lines;
    try {
      lines = Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("cgroup"));
    } catch (IOException e) {
      return Optional.empty();
    }
    Optional<Dir> memory = dir(mounts, lines, "memory");
    Optional<Dir> cpu = dir(mounts, lines, "cpuacct");
    if (memory.isEmpty() || cpu.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ProcessCgroup(
            memory.get().path(), memory.get().v2(), cpu.get().path(), cpu.get().v2()));
  }

  private record Dir(Path path, boolean v2) {}

  /**
   * The group's directory for {@code controller}: in its v1 hierarchy when it has one, else in the
   * unified one. Lines are {@code id:controllers:path}; v2's is {@code 0::path}.
   */
  private static Optional<Dir> dir(CgroupMounts mounts, List<String> lines, String controller) {
    Optional<Path> v1 = mounts.v1(controller);
    for (String line : lines) {
      String[] f = line.split(":", 3);
      if (f.length < 3) {
        continue;
      }
      boolean match =
          v1.isPresent() ? List.of(f[1].split(",")).contains(controller) : f[1].isEmpty();
      Optional<Path> root = v1.isPresent() ? v1 : mounts.unified();
      if (match && root.isPresent()) {
        Path dir = root.get().resolve(f[2].replaceFirst("^/", ""));
        return Files.isDirectory(dir) ? Optional.of(new Dir(dir, v1.isEmpty())) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Cumulative CPU time of the group in nanoseconds. */
  public long cpuNanos() throws IOException {
    if (cpuV2) {
      return stat(cpuDir.resolve("cpu.stat"), "usage_usec") * 1000;
    }
    return Long.parseLong(Files.readString(cpuDir.resolve("cpuacct.usage")).trim());
  }

  /** Memory in use without the inactive page cache (which the kernel reclaims first). */
  public long memoryBytes() throws IOException {
    long usage =
        Long.parseLong(
            Files.readString(
                    memoryDir.resolve(memoryV2 ? "memory.current" : "memory.usage_in_bytes"))
                .trim());
    long inactive =
        stat(memoryDir.resolve("memory.stat"), memoryV2 ? "inactive_file" : "total_inactive_file");
    return Math.max(0, usage - inactive);
  }

  /** The group's memory limit; empty when it has none. */
  public Optional<Long> memoryLimitBytes() throws IOException {
    String limit =
        Files.readString(memoryDir.resolve(memoryV2 ? "memory.max" : "memory.limit_in_bytes"))
            .trim();
    if (limit.equals("max")) {
      return Optional.empty();
    }
    long bytes = Long.parseLong(limit);
    // v1 writes "no limit" as the largest page-aligned long
    return bytes >= Long.MAX_VALUE / 2 ? Optional.empty() : Optional.of(bytes);
  }

  /** A {@code key value} line of a cgroup stat file; 0 when the key is missing. */
  private static long stat(Path file, String key) throws IOException {
    for (String line : Files.readAllLines(file)) {
      int space = line.indexOf(' ');
      if (space > 0 && line.substring(0, space).equals(key)) {
        return Long.parseLong(line.substring(space + 1).trim());
      }
    }
    return 0;
  }
}
