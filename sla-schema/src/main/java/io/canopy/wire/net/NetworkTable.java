package io.canopy.wire.net;

import io.canopy.wire.WireJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cluster sends a worker (MQTT topic {@code nodes/{nodeId}/net/tables}, see {@link
 * io.canopy.wire.node.NodeTopics#netTables}): the worker's own instance subnet, every service IP it
 * must balance with the instances behind it, and the peer workers it tunnels to. Plain data: the
 * net manager checks a table before it programs the kernel.
 *
 * <p>JSON: {@code {"subnet":"10.18.0.0/26","services":{"10.30.0.1":[{"instanceId":"…",
 * "instanceIp":"10.18.0.2","underlay":"192.0.2.10"}]},"peers":{"worker-b":{"underlay":
 * "192.0.2.11","subnet":"10.18.0.64/26"}}}}
 *
 * @param subnet this worker's instance subnet (CIDR, inside 10.18.0.0–10.29.255.255)
 * @param services service IP (10.30.0.0/16) → its live instances, in the cluster's order
 * @param peers worker id → underlay address and subnet of the other workers
 */
public record NetworkTable(
    String subnet, Map<String, List<ServiceInstance>> services, Map<String, Peer> peers) {

  public NetworkTable {
    services =
        services == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(services));
    peers = peers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(peers));
  }

  public static NetworkTable fromJson(String json) {
    return WireJson.mapper().readValue(json, NetworkTable.class);
  }

  public String toJson() {
    return WireJson.mapper().writeValueAsString(this);
  }
}
