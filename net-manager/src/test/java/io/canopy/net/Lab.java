package io.canopy.net;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Network namespaces, underlay links and busybox web servers for one test, all named with a random
 * run id and all removed by {@link #close()}. Traffic only ever flows between these namespaces.
 */
public final class Lab implements AutoCloseable {
  private static final String BUSYBOX = "/bin/busybox";

  final String id = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
  private final List<String> namespaces = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final Path dir;
  private final Shell host = new Shell(null);

  public Lab() throws IOException {
    requireRootAndTools();
    dir = Files.createTempDirectory("canopy-net-lab-" + id);
  }

  /** Fails, never skips, when the kernel parts are missing: these tests are the overlay's proof. */
  static void requireRootAndTools() {
    Shell shell = new Shell(null);
    Shell.Result uid = shell.exec(null, "id", "-u");
    if (!uid.ok() || !uid.stdout().strip().equals("0")) {
      fail("the net manager tests build network namespaces and need root: run mvn as root");
    }
    for (String tool : List.of("ip", "bridge", "nft", "nsenter", "unshare", "curl", "iptables")) {
      if (!shell.exec(null, "sh", "-c", "command -v " + tool).ok()) {
        fail(tool + " is missing: apt-get install iproute2 nftables util-linux curl iptables");
      }
    }
    if (!Files.isExecutable(Path.of(BUSYBOX))) {
      fail(BUSYBOX + " is missing: apt-get install busybox-static");
    }
  }

  /** A new network namespace with loopback up; the name is unique to this run. */
  public String namespace(String role) {
    String name = "cnp" + id + "-" + role;
    host.run("ip", "netns", "add", name);
    namespaces.add(name);
    host.run("ip", "-n", name, "link", "set", "lo", "up");
    return name;
  }

  /** A worker: a namespace that forwards, like a host running Docker does. */
  public String worker(String role) {
    return worker(role, true);
  }

  /**
   * A worker whose bridged traffic passes (or not) the IP hooks: hosts with Docker load
   * br_netfilter, others do not, and same-worker service traffic must work either way.
   */
  public String worker(String role, boolean bridgeNetfilter) {
    String name = namespace(role);
    host.run("ip", "netns", "exec", name, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    if (Files.exists(Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables"))) {
      host.run(
          "ip",
          "netns",
          "exec",
          name,
          "sysctl",
          "-q",
          "-w",
          "net.bridge.bridge-nf-call-iptables=" + (bridgeNetfilter ? 1 : 0));
    }
    return name;
  }

  /** A veth "underlay" {@code ul0} between two worker namespaces, with a /24 address on each. */
  void underlay(String a, String aAddress, String b, String bAddress) {
    host.run(
        "ip", "-n", a, "link", "add", "ul0", "type", "veth", "peer", "name", "ul0", "netns", b);
    host.run("ip", "-n", a, "addr", "add", aAddress + "/24", "dev", "ul0");
    host.run("ip", "-n", b, "addr", "add", bAddress + "/24", "dev", "ul0");
    host.run("ip", "-n", a, "link", "set", "ul0", "up");
    host.run("ip", "-n", b, "link", "set", "ul0", "up");
  }

  /** Busybox httpd on port 80 in {@code namespace}, answering {@code body}. */
  public Process httpd(String namespace, String body) throws IOException {
    return start(body, "ip", "netns", "exec", namespace, BUSYBOX, "httpd", "-f", "-p", "80", "-h");
  }

  /** Busybox httpd in {@code namespace} listening on {@code address} (e.g. 127.0.0.1:9090). */
  Process httpd(String namespace, String address, String body) throws IOException {
    return start(
        body, "ip", "netns", "exec", namespace, BUSYBOX, "httpd", "-f", "-p", address, "-h");
  }

  /** Busybox httpd in an anonymous namespace of its own, as a container's process would be. */
  Process httpdInOwnNamespace(String body) throws IOException {
    return start(body, "unshare", "--net", BUSYBOX, "httpd", "-f", "-p", "80", "-h");
  }

  private Process start(String body, String... command) throws IOException {
    Path home = Files.createDirectories(dir.resolve(body));
    Files.writeString(home.resolve("index.html"), body + "\n", StandardCharsets.UTF_8);
    List<String> full = new ArrayList<>(List.of(command));
    full.add(home.toString());
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    processes.add(process);
    return process;
  }

  /** One HTTP GET from inside {@code namespace}; the body, or null when it failed. */
  public String get(String namespace, String url) {
    Shell.Result result = curl(namespace, url);
    return result.ok() ? result.stdout().strip() : null;
  }

  /** One HTTP GET from inside {@code namespace} with short timeouts, as curl reports it. */
  Shell.Result curl(String namespace, String url) {
    return in(namespace, "curl", "-sS", "--connect-timeout", "1", "-m", "2", url);
  }

  /** Waits (at most 3 s) until a GET from {@code namespace} to {@code url} succeeds. */
  public String awaitGet(String namespace, String url) throws InterruptedException {
    long deadline = System.nanoTime() + 3_000_000_000L;
    for (int attempt = 0; attempt < 100 && System.nanoTime() < deadline; attempt++) {
      String body = get(namespace, url);
      if (body != null) {
        return body;
      }
      Thread.sleep(30);
    }
    return fail("no answer from " + url + " in " + namespace + " within 3 s");
  }

  /** Runs a command inside {@code namespace}. */
  Shell.Result in(String namespace, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(List.of(command));
    return host.exec(null, full.toArray(String[]::new));
  }

  @Override
  public void close() throws IOException {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Process process : processes) {
      try {
        process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (String namespace : namespaces) {
      host.exec(null, "ip", "netns", "del", namespace);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
