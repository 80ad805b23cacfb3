package io.canopy.node.overlay;

import io.canopy.core.address.Ipv4;
import io.canopy.net.NetManagerConfig;
import io.canopy.node.config.NetworkSettings;
import io.canopy.node.config.NodeConfig;
import io.canopy.node.instance.InstanceNetwork;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the worker's network from {@code --net-manager}. */
public final class Overlays {
  private static final Logger log = LoggerFactory.getLogger(Overlays.class);
  static final List<String> TOOLS = List.of("ip", "bridge", "nft", "nsenter", "sysctl");

  private Overlays() {}

  /**
   * The overlay backed by the net manager, or {@link InstanceNetwork#DEFAULT_BRIDGE} when it is off
   * ({@code auto} turns it off when the engine is not root or the kernel tools are missing).
   *
   * @throws IllegalArgumentException when {@code embedded} is asked for and cannot work
   */
  public static InstanceNetwork choose(NodeConfig config, NetworkSettings settings) {
    return choose(config, settings, isRoot(), Overlays::onPath);
  }

  static InstanceNetwork choose(
      NodeConfig config, NetworkSettings settings, boolean root, Predicate<String> installed) {
    InstanceNetwork chosen =
        switch (settings.mode()) {
          case OFF -> InstanceNetwork.DEFAULT_BRIDGE;
          case SOCKET -> new OverlayNetwork(new SocketNetLink(settings.socket()), true);
          case EMBEDDED -> {
            missing(root, installed)
                .ifPresent(
                    why -> {
                      throw new IllegalArgumentException("--net-manager embedded: " + why);
                    });
            yield embedded(config, settings);
          }
          case AUTO -> {
            Optional<String> why = missing(root, installed);
            if (why.isPresent()) {
              log.info(
                  "no overlay network ({}): containers use Docker's default bridge", why.get());
              yield InstanceNetwork.DEFAULT_BRIDGE;
            }
            yield embedded(config, settings);
          }
        };
    if (chosen != InstanceNetwork.DEFAULT_BRIDGE) {
      log.info("network: {}", chosen);
    }
    return chosen;
  }

  private static InstanceNetwork embedded(NodeConfig config, NetworkSettings settings) {
    String namespace = settings.namespace();
    NetManagerConfig net =
        NetManagerConfig.defaults()
            .withWorkerNamespace(namespace)
            .withUnderlay(tunnelSource(config.underlayAddress()));
    return new OverlayNetwork(new EmbeddedNetLink(net), namespace == null);
  }

  /**
   * The configured underlay address as the tunnel's source, unless it is no use as one (a host
   * name, loopback): then the kernel picks the source by route towards each peer.
   */
  static String tunnelSource(String underlay) {
    if (underlay == null || !Ipv4.isCanonical(underlay) || underlay.startsWith("127.")) {
      return null;
    }
    return underlay;
  }

  static Optional<String> missing(boolean root, Predicate<String> installed) {
    if (!root) {
      return Optional.of("the node engine is not running as root");
    }
    List<String> absent = TOOLS.stream().filter(installed.negate()).toList();
    if (!absent.isEmpty()) {
      return Optional.of(
          String.join(", ", absent) + " not found (apt-get install iproute2 nftables util-linux)");
    }
    return Optional.empty();
  }

  // the effective uid (second field of "Uid:"): what the kernel checks for CAP_NET_ADMIN here
  private static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0");
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no overlay
    }
    return false;
  }

  // the same lookup the net manager's commands get: PATH
  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
