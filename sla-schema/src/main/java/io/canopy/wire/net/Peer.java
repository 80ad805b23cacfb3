package io.canopy.wire.net;

/**
 * Another worker whose instances this worker reaches through the VXLAN tunnel.
 *
 * @param underlay the peer's underlay address (the outer destination of tunnelled packets)
 * @param subnet the peer's instance subnet, routed through the tunnel
 */
public record Peer(String underlay, String subnet) {}
