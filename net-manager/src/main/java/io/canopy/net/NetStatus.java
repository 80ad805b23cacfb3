package io.canopy.net;

import io.canopy.wire.net.Peer;
import java.util.List;
import java.util.Map;

/**
 * What a net manager has made.
 *
 * @param subnet the worker's subnet, null before the first table
 * @param services service IP → backend instance IPs by map slot, as last applied to nftables
 * @param peers the peers of the last table, tunnelled to
 * @param warnings what outside the net manager's reach keeps the overlay from working, e.g. a
 *     foreign firewall dropping forwarded traffic
 */
public record NetStatus(
    String workerNamespace,
    String subnet,
    List<Attachment> attachments,
    Map<String, List<String>> services,
    Map<String, Peer> peers,
    List<String> warnings) {}
