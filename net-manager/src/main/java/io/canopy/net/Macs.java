package io.canopy.net;

import io.canopy.core.address.WorkerSubnet;

/**
 * Locally administered MAC addresses derived from a subnet, so every worker can compute its peers'.
 */
final class Macs {
  private Macs() {}

  /** {@code 02:<kind>:<four bytes of the subnet's network address>}. */
  static String of(int kind, WorkerSubnet subnet) {
    int network = subnet.block().base();
    return String.format(
        "02:%02x:%02x:%02x:%02x:%02x",
        kind,
        (network >>> 24) & 0xff,
        (network >>> 16) & 0xff,
        (network >>> 8) & 0xff,
        network & 0xff);
  }
}
