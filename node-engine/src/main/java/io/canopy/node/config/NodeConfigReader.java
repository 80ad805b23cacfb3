package io.canopy.node.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a {@link NodeConfig}. Each setting has one name, used as a flag ({@code --cluster-url URL}
 * or {@code --cluster-url=URL}), as an environment variable ({@code CANOPY_CLUSTER_URL}) and as a
 * key in the properties file named by {@code --config} / {@code CANOPY_CONFIG}. Flags win over the
 * environment, the environment over the file, the file over the defaults.
 */
public final class NodeConfigReader {
  static final Set<String> KEYS =
      Set.of(
          "cluster-url",
          "join-token",
          "data-dir",
          "name",
          "metrics-port",
          "report-interval",
          "docker-host",
          "mqtt-url",
          "underlay-address",
          "stop-grace",
          "pull-timeout",
          "libvirt-uri",
          "unikernels",
          "net-manager",
          "net-namespace");

  public static final String DEFAULT_LIBVIRT_URI = "qemu:///system";

  public static final String USAGE =
      """
      usage: java -jar node-engine-all.jar --cluster-url URL --join-token TOKEN [options]
        --cluster-url URL        cluster orchestrator, e.g. http://10.0.0.5:10100   (CANOPY_CLUSTER_URL)
        --join-token TOKEN       join token from POST /api/node/tokens              (CANOPY_JOIN_TOKEN)
        --data-dir DIR           node identity and instance handles [./var/worker]  (CANOPY_DATA_DIR)
        --name NAME              the node's name [host name]                        (CANOPY_NAME)
        --metrics-port PORT      /health and /metrics [10200]                       (CANOPY_METRICS_PORT)
        --report-interval DUR    resource report period, e.g. 2s, 500ms [2s]        (CANOPY_REPORT_INTERVAL)
        --docker-host URI        [unix:///var/run/docker.sock]                      (CANOPY_DOCKER_HOST)
        --mqtt-url URL           override the broker the cluster hands out          (CANOPY_MQTT_URL)
        --underlay-address IP    address peers reach this worker at [auto]          (CANOPY_UNDERLAY_ADDRESS)
        --stop-grace DUR         SIGTERM→SIGKILL grace period [10s]                 (CANOPY_STOP_GRACE)
        --pull-timeout DUR       image pull limit [5m]                              (CANOPY_PULL_TIMEOUT)
        --libvirt-uri URI        libvirtd for unikernels [qemu:///system]           (CANOPY_LIBVIRT_URI)
        --unikernels auto|off    auto: run unikernels when libvirtd answers [auto]  (CANOPY_UNIKERNELS)
        --net-manager MODE       overlay network: auto, embedded, off or socket:PATH
                                 [auto: embedded when root with ip and nft, else off] (CANOPY_NET_MANAGER)
        --net-namespace NAME     embedded net manager: the worker's overlay lives in
                                 this network namespace [the engine's own]          (CANOPY_NET_NAMESPACE)
        --config FILE            properties file with the same keys                 (CANOPY_CONFIG)
      """;

  private NodeConfigReader() {}

  /**
   * @throws IllegalArgumentException with a message naming the bad setting
   */
  public static NodeConfig read(String[] args, Map<String, String> env) {
    return build(settings(args, env));
  }

  /**
   * How the overlay network runs ({@code --net-manager}, {@code --net-namespace}), read from the
   * same flags, environment and file as {@link #read}.
   *
   * @throws IllegalArgumentException with a message naming the bad setting
   */
  public static NetworkSettings network(String[] args, Map<String, String> env) {
    Map<String, String> s = settings(args, env);
    return NetworkSettings.parse(s.get("net-manager"), s.get("net-namespace"));
  }

  private static Map<String, String> settings(String[] args, Map<String, String> env) {
    Map<String, String> flags = parseFlags(args);
    String configFile = flags.remove("config");
    if (configFile == null) {
      configFile = env.get("CANOPY_CONFIG");
    }
    Map<String, String> merged = new HashMap<>();
    if (configFile != null) {
      merged.putAll(readFile(Path.of(configFile)));
    }
    for (String key : KEYS) {
      String value = env.get("CANOPY_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (value != null && !value.isBlank()) {
        merged.put(key, value);
      }
    }
    merged.putAll(flags);
    return merged;
  }

  private static Map<String, String> parseFlags(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument \"" + arg + "\"");
      }
      String key = arg.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + key + " needs a value");
      }
      if (!KEYS.contains(key) && !key.equals("config")) {
        throw new IllegalArgumentException("unknown option --" + key);
      }
      flags.put(key, value);
    }
    return flags;
  }

  private static Map<String, String> readFile(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, String> out = new HashMap<>();
    for (String key : props.stringPropertyNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown key \"" + key + "\" in " + file);
      }
      out.put(key, props.getProperty(key).trim());
    }
    return out;
  }

  private static NodeConfig build(Map<String, String> s) {
    String cluster = s.get("cluster-url");
    if (cluster == null || cluster.isBlank()) {
      throw new IllegalArgumentException(
          "the cluster URL is missing: give --cluster-url or CANOPY_CLUSTER_URL");
    }
    return new NodeConfig(
        httpUri("cluster-url", cluster),
        s.get("join-token"),
        Path.of(s.getOrDefault("data-dir", "./var/worker")),
        s.getOrDefault("name", hostName()),
        port(s.getOrDefault("metrics-port", "10200")),
        duration("report-interval", s.getOrDefault("report-interval", "2s")),
        URI.create(s.getOrDefault("docker-host", "unix:///var/run/docker.sock")),
        s.get("mqtt-url"),
        s.get("underlay-address"),
        duration("stop-grace", s.getOrDefault("stop-grace", "10s")),
        duration("pull-timeout", s.getOrDefault("pull-timeout", "5m")),
        libvirtUri(s.getOrDefault("unikernels", "auto"), s.get("libvirt-uri")));
  }

  /** The libvirt URI to try, or null when unikernels are turned off. */
  private static String libvirtUri(String mode, String uri) {
    switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "off" -> {
        return null;
      }
      case "auto" -> {
        if (uri == null) {
          return DEFAULT_LIBVIRT_URI;
        }
        String u = uri.trim();
        // libvirt URIs: driver[+transport]://[host]/path, e.g. qemu:///system, qemu+ssh://h/system
        if (!u.matches("[a-z][a-z0-9+]*://[^\\s]*")) {
          throw new IllegalArgumentException(
              "--libvirt-uri \"" + uri + "\" is not a libvirt URI like qemu:///system");
        }
        return u;
      }
      default ->
          throw new IllegalArgumentException("--unikernels \"" + mode + "\" is not auto or off");
    }
  }

  private static URI httpUri(String key, String value) {
    try {
      URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--" + key + " \"" + value + "\" is not an http(s) URL like http://10.0.0.5:10100");
    }
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException("--metrics-port \"" + value + "\" is not a port 0..65535");
  }

  /** Reads {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h} or an ISO-8601 duration. */
  static Duration duration(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (v.startsWith("p")) {
        d = Duration.parse(v.toUpperCase(Locale.ROOT));
      } else if (v.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(v));
      }
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (RuntimeException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--" + key + " \"" + value + "\" is not a positive duration like 500ms, 2s or 5m");
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "worker" : env;
    }
  }
}
