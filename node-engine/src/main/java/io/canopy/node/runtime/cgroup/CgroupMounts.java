package io.canopy.node.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where this machine mounts its cgroup hierarchies, from {@code /proc/self/mounts}: the cgroup v1
 * hierarchy of each controller ({@code memory}, {@code cpuacct}, …) and the cgroup v2 (unified)
 * one. A v2-only machine has no v1 hierarchies; a hybrid one (systemd's default before v2) has
 * both, with the controllers in v1.
 */
public record CgroupMounts(Map<String, Path> v1, Optional<Path> unified) {

  public CgroupMounts {
    v1 = Map.copyOf(v1);
  }

  /** The mounts of this machine; none when the mount table cannot be read. */
  public static CgroupMounts read(Path mounts) {
    try {
      return parse(Files.readAllLines(mounts));
    } catch (IOException e) {
      return new CgroupMounts(Map.of(), Optional.empty());
    }
  }

  /** Parses lines of {@code /proc/self/mounts}: {@code source target fstype options 0 0}. */
  static CgroupMounts parse(List<String> lines) {
    Map<String, Path> v1 = new HashMap<>();
    Path unified = null;
    for (String line : lines) {
      String[] f = line.split(" ");
      if (f.length < 4) {
        continue;
      }
      Path target = Path.of(f[1]);
      if (f[2].equals("cgroup2") && unified == null) {
        unified = target;
      } else if (f[2].equals("cgroup")) {
        for (String option : f[3].split(",")) {
          v1.putIfAbsent(option, target);
        }
      }
    }
    return new CgroupMounts(v1, Optional.ofNullable(unified));
  }

  /** The v1 hierarchy that has {@code controller}. */
  Optional<Path> v1(String controller) {
    return Optional.ofNullable(v1.get(controller));
  }
}
