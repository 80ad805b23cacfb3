package io.canopy.net;

/**
 * Locally administered MAC addresses derived from a subnet, so every worker can compute its peers'.
 */
final class Macs {
  private Macs() {}

  /** {@code 02:<kind>:<four bytes of the subnet's network address>}. */
  static String of(int kind, int network) {
    return String.format(
        "02:%02x:%02x:%02x:%02x:%02x",
        kind,
        (network >>> 24) & 0xff,
        (network >>> 16) & 0xff,
        (network >>> 8) & 0xff,
        network & 0xff);
  }
}
