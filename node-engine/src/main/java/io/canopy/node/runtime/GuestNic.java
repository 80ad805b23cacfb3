package io.canopy.node.runtime;

/**
 * The network card of a guest whose runtime starts it itself (a unikernel's QEMU): a tap device
 * made before the start, and the addressing the guest is told on its kernel command line, since it
 * has no namespace the network could configure from outside.
 *
 * @param tap the tap device the guest's NIC uses (it exists when the guest starts)
 * @param address the instance IP, e.g. {@code 10.18.0.5}
 * @param prefixLength the worker subnet's prefix length, e.g. 26
 * @param gateway the worker's gateway, the default route, e.g. {@code 10.18.0.1}
 * @param mtu the overlay's MTU, which the NIC announces to the guest
 */
public record GuestNic(String tap, String address, int prefixLength, String gateway, int mtu) {

  /** The dotted netmask of the prefix, e.g. {@code 255.255.255.192} for 26. */
  public String netmask() {
    long mask = prefixLength == 0 ? 0 : (0xffffffffL << (32 - prefixLength)) & 0xffffffffL;
    return (mask >> 24)
        + "."
        + ((mask >> 16) & 0xff)
        + "."
        + ((mask >> 8) & 0xff)
        + "."
        + (mask & 0xff);
  }
}
