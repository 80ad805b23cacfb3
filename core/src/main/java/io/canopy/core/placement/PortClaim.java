package io.canopy.core.placement;

import java.util.Locale;

/**
 * A host port an instance publishes, e.g. 8080/tcp. Two instances on one worker cannot share it.
 */
public record PortClaim(int port, String protocol) {

  public PortClaim {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("host port must be 1–65535, was " + port);
    }
    protocol = protocol == null || protocol.isBlank() ? "tcp" : protocol.toLowerCase(Locale.ROOT);
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException("protocol must be tcp or udp, was " + protocol);
    }
  }

  public static PortClaim tcp(int port) {
    return new PortClaim(port, "tcp");
  }

  @Override
  public String toString() {
    return port + "/" + protocol;
  }
}
