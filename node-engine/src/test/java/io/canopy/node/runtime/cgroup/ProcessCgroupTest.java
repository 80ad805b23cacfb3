package io.canopy.node.runtime.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding and reading a process's cgroup on the three layouts Linux machines have: cgroup v2 only
 * (Debian 11+, current systemd), v1 only, and hybrid (v1 controllers plus an empty v2 mount). This
 * machine has one of them, which DockerRuntimeTest covers for real; the others are laid out here
 * the way the kernel shows them.
 */
class ProcessCgroupTest {
  static final String GROUP = "/system.slice/docker-0fde4b04.scope";

  @TempDir Path root;

  @Test
  void readsCgroupV2() throws IOException {
    Path unified = root.resolve("sys/fs/cgroup");
    Path dir = write(unified.resolve(GROUP.substring(1)), "memory.current", "8392704\n");
    Files.writeString(
        dir.resolve("memory.stat"), "anon 1200128\nfile 7192576\ninactive_file 4096000\n");
    Files.writeString(dir.resolve("memory.max"), "max\n");
    Files.writeString(dir.resolve("cpu.stat"), "usage_usec 1530042\nuser_usec 1000000\n");
    Path proc = procOf(42, "0::" + GROUP + "\n");
    CgroupMounts mounts =
        CgroupMounts.parse(
            List.of(
                "sysfs /sys sysfs rw,nosuid 0 0",
                "cgroup2 " + unified + " cgroup2 rw,nosuid,nodev,noexec,relatime 0 0"));

    ProcessCgroup g = ProcessCgroup.of(mounts, proc, 42).orElseThrow();

    assertThat(g.memoryV2()).isTrue();
    assertThat(g.cpuV2()).isTrue();
    assertThat(g.memoryBytes()).isEqualTo(8392704 - 4096000);
    assertThat(g.memoryLimitBytes()).isEmpty();
    assertThat(g.cpuNanos()).isEqualTo(1_530_042_000L);
  }

  @Test
  void readsCgroupV1AlsoBesideAnEmptyUnifiedMount() throws IOException {
    Path memory = root.resolve("sys/fs/cgroup/memory");
    Path cpu = root.resolve("sys/fs/cgroup/cpu,cpuacct");
    String group = "/docker/0fde4b04";
    Path mdir = write(memory.resolve(group.substring(1)), "memory.usage_in_bytes", "614400\n");
    Files.writeString(mdir.resolve("memory.stat"), "cache 0\ntotal_inactive_file 12288\n");
    Files.writeString(mdir.resolve("memory.limit_in_bytes"), "33554432\n");
    write(cpu.resolve(group.substring(1)), "cpuacct.usage", "89497955\n");
    Path proc =
        procOf(
            7,
            "9:name=systemd:"
                + group
                + "\n4:memory:"
                + group
                + "\n2:cpu,cpuacct:"
                + group
                + "\n0::"
                + group
                + "\n");
    CgroupMounts mounts =
        CgroupMounts.parse(
            List.of(
                "cgroup " + memory + " cgroup rw,relatime,memory 0 0",
                "cgroup " + cpu + " cgroup rw,relatime,cpu,cpuacct 0 0",
                "cgroup2 " + root.resolve("sys/fs/cgroup/unified") + " cgroup2 rw,relatime 0 0"));

    ProcessCgroup g = ProcessCgroup.of(mounts, proc, 7).orElseThrow();

    assertThat(g.memoryV2()).isFalse();
    assertThat(g.cpuV2()).isFalse();
    assertThat(g.memoryBytes()).isEqualTo(614400 - 12288);
    assertThat(g.memoryLimitBytes()).hasValue(33554432L);
    assertThat(g.cpuNanos()).isEqualTo(89497955L);
  }

  @Test
  void aProcessThatIsNotVisibleHereHasNoCgroup() {
    CgroupMounts mounts = CgroupMounts.parse(List.of("cgroup2 /sys/fs/cgroup cgroup2 rw 0 0"));

    assertThat(ProcessCgroup.of(mounts, root.resolve("proc"), 99)).isEmpty();
  }

  private Path procOf(long pid, String cgroup) throws IOException {
    Path proc = root.resolve("proc");
    write(proc.resolve(Long.toString(pid)), "cgroup", cgroup);
    return proc;
  }

  private static Path write(Path dir, String file, String text) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(file), text);
    return dir;
  }
}
