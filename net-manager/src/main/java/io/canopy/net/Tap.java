package io.canopy.net;

/**
 * A guest's tap device, made before the guest starts.
 *
 * @param device its name ({@code canopyt} + 8 hex digits)
 * @param mtu the overlay's MTU, which the guest's NIC should use
 */
public record Tap(String device, int mtu) {}
