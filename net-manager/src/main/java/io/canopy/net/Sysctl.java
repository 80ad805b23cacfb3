package io.canopy.net;

/** The per-device sysctls the net manager sets; only ever on its own devices. */
final class Sysctl {
  private Sysctl() {}

  /**
   * IPv4 decides forwarding on the ingress device, so switching it on for Canopy's devices is
   * enough to route between instances and the tunnel without touching the host-wide switch.
   */
  static void enableForwarding(Shell shell, String device) {
    shell.run("sysctl", "-q", "-w", "net.ipv4.conf." + device + ".forwarding=1");
  }

  /**
   * Lets the worker's own clients reach published ports on {@code 127.0.0.1}: the output chain
   * DNATs them to an instance, and without this the kernel refuses to route a packet with a
   * loopback source out of {@code device}. Postrouting masquerades such packets to the gateway
   * address, and the {@code canopy} table drops new connections from the bridge to 127.0.0.0/8,
   * which this setting would otherwise let instances open to the worker's loopback services.
   */
  static void enableRouteLocalnet(Shell shell, String device) {
    shell.run("sysctl", "-q", "-w", "net.ipv4.conf." + device + ".route_localnet=1");
  }
}
