package io.canopy.e2e;

import io.canopy.testsupport.Commands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two "machines" on this one: network namespaces joined by a veth pair {@code ul0} (the underlay,
 * addresses from TEST-NET-2, 198.51.100.0/24, reserved for documentation; the build machine's own
 * uplink sits in TEST-NET-1, so that one is avoided). Each node engine's embedded net manager
 * builds its bridge, tunnel and nftables table in one of them ({@code --net-namespace}), so overlay
 * traffic never touches this machine's own namespace. Deleting a namespace removes everything in
 * it.
 */
final class WorkerNamespaces implements AutoCloseable {
  static final String UNDERLAY_A = "198.51.100.1";
  static final String UNDERLAY_B = "198.51.100.2";

  private final String id =
      HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
  final String a = "cno" + id + "-a";
  final String b = "cno" + id + "-b";

  WorkerNamespaces() {
    requireRoot();
    for (String ns : List.of(a, b)) {
      run("ip", "netns", "add", ns);
      run("ip", "-n", ns, "link", "set", "lo", "up");
      // forwarding for published ports arriving on ul0, as dockerd sets it on a real host
      run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    }
    run("ip", "-n", a, "link", "add", "ul0", "type", "veth", "peer", "name", "ul0", "netns", b);
    run("ip", "-n", a, "addr", "add", UNDERLAY_A + "/24", "dev", "ul0");
    run("ip", "-n", b, "addr", "add", UNDERLAY_B + "/24", "dev", "ul0");
    run("ip", "-n", a, "link", "set", "ul0", "up");
    run("ip", "-n", b, "link", "set", "ul0", "up");
  }

  /** Runs a command inside namespace {@code ns}; returns its output, or fails with it. */
  static String in(String ns, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(List.of(command));
    return Commands.check(full, 30);
  }

  /**
   * Polls the nftables map of {@code serviceIp} in {@code ns} (every 10 ms) until {@code ip} left
   * it, or the map left with it (the service's last instance); false when it is still there after
   * {@code within}.
   */
  static boolean awaitOutOfMap(String ns, String serviceIp, String ip, Duration within) {
    String map = "be_" + serviceIp.replace('.', '_');
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      Commands.Result listed =
          Commands.run(
              List.of("ip", "netns", "exec", ns, "nft", "list", "map", "ip", "canopy", map), 30);
      if (!listed.ok() && listed.output().contains("No such file or directory")) {
        return true;
      }
      String elements = listed.output();
      if (listed.ok() && !elements.contains(ip + ",") && !elements.contains(ip + " ")) {
        return true;
      }
      TierProcess.sleep(10);
    }
    return false;
  }

  /** One HTTP GET from inside {@code ns}; the body stripped, or null when it failed. */
  static String get(String ns, String url) {
    Commands.Result result =
        Commands.run(
            List.of(
                "ip", "netns", "exec", ns, "curl", "-sS", "--connect-timeout", "2", "-m", "3", url),
            10);
    return result.ok() ? result.output().strip() : null;
  }

  private static void run(String... command) {
    Commands.check(List.of(command), 30);
  }

  private static void requireRoot() {
    Commands.Result uid = Commands.run(List.of("id", "-u"), 10);
    if (!uid.ok() || !uid.output().strip().equals("0")) {
      throw new AssertionError(
          "the overlay test builds network namespaces and needs root: run mvn as root");
    }
    for (String tool : List.of("ip", "nft", "curl")) {
      if (!Commands.run(List.of("sh", "-c", "command -v " + tool), 10).ok()) {
        throw new AssertionError(tool + " is missing: apt-get install iproute2 nftables curl");
      }
    }
  }

  @Override
  public void close() {
    for (String ns : List.of(a, b)) {
      Commands.run(List.of("ip", "netns", "del", ns), 30);
    }
  }
}
