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
}
