package io.canopy.node.config;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How the node engine reaches the net manager ({@code --net-manager}).
 *
 * @param mode where the net manager runs, or that there is none
 * @param socket the standalone net manager's unix socket ({@link Mode#SOCKET} only)
 * @param namespace the named network namespace the worker's overlay lives in, or null for the
 *     engine's own ({@code --net-namespace}; how tests put several workers on one machine)
 */
public record NetworkSettings(Mode mode, Path socket, String namespace) {

  /** Where the net manager runs. */
  public enum Mode {
    /** In the engine's process when it runs as root and {@code ip}/{@code nft} exist, else off. */
    AUTO,
    /** In the engine's process. */
    EMBEDDED,
    /** A standalone net manager on a unix socket. */
    SOCKET,
    /** No overlay: containers use Docker's default bridge and Docker publishes their ports. */
    OFF
  }

  public NetworkSettings {
    if (mode == Mode.SOCKET && socket == null) {
      throw new IllegalArgumentException("--net-manager socket: needs a path");
    }
    if (mode == Mode.SOCKET && namespace != null) {
      throw new IllegalArgumentException(
          "--net-namespace is for the embedded net manager; start the standalone one with --netns");
    }
    if (namespace != null && (namespace.isBlank() || namespace.contains("/"))) {
      throw new IllegalArgumentException(
          "--net-namespace \"" + namespace + "\" is not a network namespace name");
    }
  }

  /** Reads {@code auto}, {@code embedded}, {@code off} or {@code socket:/run/canopy/net.sock}. */
  public static NetworkSettings parse(String value, String namespace) {
    String v = value == null ? "auto" : value.strip();
    if (v.toLowerCase(Locale.ROOT).startsWith("socket:")) {
      String path = v.substring("socket:".length()).strip();
      if (path.isEmpty()) {
        throw new IllegalArgumentException(
            "--net-manager \""
                + value
                + "\" names no socket: use socket:/path/to/net-manager.sock");
      }
      return new NetworkSettings(Mode.SOCKET, Path.of(path), namespace);
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "auto" -> new NetworkSettings(Mode.AUTO, null, namespace);
      case "embedded" -> new NetworkSettings(Mode.EMBEDDED, null, namespace);
      case "off" -> new NetworkSettings(Mode.OFF, null, namespace);
      default ->
          throw new IllegalArgumentException(
              "--net-manager \"" + value + "\" is not one of auto, embedded, off, socket:PATH");
    };
  }
}
