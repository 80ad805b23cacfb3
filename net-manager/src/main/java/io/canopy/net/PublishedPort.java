package io.canopy.net;

/**
 * A host port published for an instance: connections to any local address of the worker on {@code
 * hostPort} are DNATed to the instance's {@code instancePort}.
 *
 * @param protocol {@code tcp} or {@code udp}
 */
public record PublishedPort(int hostPort, int instancePort, String protocol) {
  public PublishedPort {
    protocol = protocol == null ? "tcp" : protocol.toLowerCase(java.util.Locale.ROOT);
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException("protocol must be tcp or udp: '" + protocol + "'");
    }
    if (hostPort < 1 || hostPort > 65535 || instancePort < 1 || instancePort > 65535) {
      throw new IllegalArgumentException(
          "ports must be between 1 and 65535: " + hostPort + ":" + instancePort);
    }
  }
}
