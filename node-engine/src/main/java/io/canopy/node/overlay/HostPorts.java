package io.canopy.node.overlay;

import io.canopy.net.PublishedPort;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

/**
 * Whether a host port is free on this machine. The net manager publishes ports with nftables DNAT,
 * which binds nothing: without this check an instance would silently take a port a local service
 * (sshd, a Docker container's docker-proxy…) listens on, where Docker's own publishing fails.
 */
final class HostPorts {
  private HostPorts() {}

  /** The first port some process on this machine holds, if any. */
  static Optional<PublishedPort> firstInUse(List<PublishedPort> ports) {
    return ports.stream().filter(port -> !free(port)).findFirst();
  }

  private static boolean free(PublishedPort port) {
    InetSocketAddress any = new InetSocketAddress(port.hostPort());
    try {
      if (port.protocol().equals("udp")) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
          socket.bind(any);
        }
      } else {
        try (ServerSocket socket = new ServerSocket()) {
          socket.setReuseAddress(true); // a port in TIME_WAIT is free; a listener is not
          socket.bind(any);
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
