package io.canopy.node.fingerprint;

import io.canopy.wire.node.Fingerprint;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Samples what this host is and has. CPU use is the busy share of {@code /proc/stat} between two
 * samples, so the first sample reports 0; memory comes from {@code /proc/meminfo}, disk from the
 * file system holding the data dir.
 */
public final class HostProbe {
  private static final long MB = 1024 * 1024;

  private final Path dataDir;
  private final Path proc;
  private final GpuProbe gpus;
  private final Supplier<List<String>> runtimes;
  private final String hostname;
  private final String configuredUnderlay;
  private final URI cluster;
  private long[] lastCpu;
  private volatile String underlay;

  public HostProbe(
      Path dataDir,
      Path proc,
      GpuProbe gpus,
      Supplier<List<String>> runtimes,
      String configuredUnderlay,
      URI cluster) {
    this.dataDir = dataDir;
    this.proc = proc;
    this.gpus = gpus;
    this.runtimes = runtimes;
    this.configuredUnderlay = configuredUnderlay;
    this.cluster = cluster;
    this.hostname = hostname();
  }

  public synchronized Fingerprint sample() {
    long[] memory = memoryMb();
    long[] disk = diskMb();
    return new Fingerprint(
        hostname,
        goArch(System.getProperty("os.arch")),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        Runtime.getRuntime().availableProcessors(),
        cpuPercent(),
        memory[0],
        memory[1],
        disk[0],
        disk[1],
        gpus.gpus(),
        runtimes.get(),
        underlayAddress());
  }

  /** Java's {@code os.arch} in Go/OCI naming, as SLAs spell it. */
  public static String goArch(String javaArch) {
    String a = javaArch.toLowerCase(Locale.ROOT);
    return switch (a) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "arm", "armv7l", "armhf", "aarch32" -> "arm";
      case "x86", "i386", "i486", "i586", "i686" -> "386";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> a;
    };
  }

  private double cpuPercent() {
    long[] now = cpuTicks(read(proc.resolve("stat")));
    if (now == null) {
      return 0;
    }
    long[] before = lastCpu;
    lastCpu = now;
    if (before == null || now[0] <= before[0]) {
      return 0;
    }
    double busy = (now[1] - before[1]) * 100.0 / (now[0] - before[0]);
    return Math.round(Math.max(0, Math.min(100, busy)) * 10) / 10.0;
  }

  /** {total, busy} ticks from the {@code cpu} line of /proc/stat; idle and iowait are not busy. */
  static long[] cpuTicks(String stat) {
    for (String line : stat.split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split("\\s+");
        long total = 0;
        // fields: user nice system idle iowait irq softirq steal (guest counted in user already)
        for (int i = 1; i < Math.min(f.length, 9); i++) {
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {total, total - idle};
      }
    }
    return null;
  }

  private long[] memoryMb() {
    return meminfoMb(read(proc.resolve("meminfo")));
  }

  /** {total, available} MB from /proc/meminfo. */
  static long[] meminfoMb(String meminfo) {
    long total = 0;
    long available = -1;
    long free = 0;
    for (String line : meminfo.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 2) {
        continue;
      }
      switch (f[0]) {
        case "MemTotal:" -> total = Long.parseLong(f[1]) / 1024;
        case "MemAvailable:" -> available = Long.parseLong(f[1]) / 1024;
        case "MemFree:" -> free = Long.parseLong(f[1]) / 1024;
        default -> {}
      }
    }
    return new long[] {total, available >= 0 ? available : free};
  }

  private long[] diskMb() {
    try {
      Path existing = dataDir.toAbsolutePath();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      FileStore store = Files.getFileStore(existing == null ? Path.of("/") : existing);
      return new long[] {store.getTotalSpace() / MB, store.getUsableSpace() / MB};
    } catch (IOException e) {
      return new long[] {0, 0};
    }
  }

  /** The address other hosts reach this worker at (published ports answer there), or null. */
  public String underlayAddress() {
    if (configuredUnderlay != null && !configuredUnderlay.isBlank()) {
      return configuredUnderlay;
    }
    if (underlay == null) {
      underlay = routeTowards(cluster);
    }
    return underlay;
  }

  /** The local address the kernel would use towards the cluster; a UDP connect sends nothing. */
  private static String routeTowards(URI cluster) {
    try (DatagramSocket socket = new DatagramSocket()) {
      int port = cluster.getPort() > 0 ? cluster.getPort() : 80;
      socket.connect(new InetSocketAddress(InetAddress.getByName(cluster.getHost()), port));
      InetAddress local = socket.getLocalAddress();
      return local == null || local.isAnyLocalAddress() ? null : local.getHostAddress();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
