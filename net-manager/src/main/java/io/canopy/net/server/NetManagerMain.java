package io.canopy.net.server;

import io.canopy.net.NetManager;
import io.canopy.net.NetManagerConfig;
import io.canopy.wire.net.NetworkTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone net manager: serves the unix socket until stopped. Stopping leaves the network as
 * it is (instances keep talking, a restart picks it up); {@code --cleanup} removes it all.
 */
public final class NetManagerMain {
  static final String DEFAULT_SOCKET = "/run/canopy/net-manager.sock";
  private static final Set<String> FLAGS = Set.of("--cleanup", "--help");
  private static final Set<String> OPTIONS =
      Set.of(
          "--socket",
          "--netns",
          "--underlay",
          "--vni",
          "--vxlan-port",
          "--mtu",
          "--table",
          "--send");
  private static final String USAGE =
      """
      usage: net-manager [--socket PATH] [--netns NAME] [--underlay IP] [--vni N] [--vxlan-port N]
                         [--mtu N] [--table FILE] | --cleanup | --send JSON
        --socket PATH   unix socket to serve (default %s)
        --netns NAME    manage the worker that lives in network namespace NAME
        --underlay IP   this worker's underlay address (outer source of VXLAN packets)
        --table FILE    apply this network table (JSON) at start
        --cleanup       remove every Canopy device, route and nftables table and the two
                        DOCKER-USER accepts, then exit
        --send JSON     send one request line to a running net manager and print the reply
      """
          .formatted(DEFAULT_SOCKET);

  private NetManagerMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line; returns the exit code (serving blocks until the JVM stops). */
  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Map<String, String> options;
    NetManagerConfig config;
    try {
      options = parse(args);
      if (options.containsKey("--help")) {
        out.print(USAGE);
        return 0;
      }
      config = config(options);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path socket = Path.of(options.getOrDefault("--socket", DEFAULT_SOCKET));
    if (options.containsKey("--send")) {
      out.println(new NetManagerClient(socket).callRaw(options.get("--send")));
      return 0;
    }
    NetManager manager = new NetManager(config);
    if (options.containsKey("--cleanup")) {
      manager.cleanup();
      return 0;
    }
    if (options.containsKey("--table")) {
      manager.apply(NetworkTable.fromJson(readTable(options.get("--table"))));
    }
    NetSocketServer server = new NetSocketServer(manager, socket);
    server.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (IOException e) {
                    err.println("closing " + socket + ": " + e.getMessage());
                  }
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  private static String readTable(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read table " + file + ": " + e.getMessage(), e);
    }
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (FLAGS.contains(arg)) {
        options.put(arg, "");
      } else if (OPTIONS.contains(arg)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        options.put(arg, args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    if (List.of("--cleanup", "--send").stream().filter(options::containsKey).count() > 1) {
      throw new IllegalArgumentException("--cleanup and --send exclude each other");
    }
    return options;
  }

  static NetManagerConfig config(Map<String, String> options) {
    return new NetManagerConfig(
        options.get("--netns"),
        options.get("--underlay"),
        number(options, "--vni", NetManagerConfig.DEFAULT_VNI),
        number(options, "--vxlan-port", NetManagerConfig.DEFAULT_VXLAN_PORT),
        number(options, "--mtu", NetManagerConfig.DEFAULT_MTU));
  }

  private static int number(Map<String, String> options, String name, int fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number: '" + value + "'");
    }
  }
}
