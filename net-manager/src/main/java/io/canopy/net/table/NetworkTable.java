package io.canopy.net.table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the cluster sends a worker (MQTT topic {@code nodes/{nodeId}/net/tables}): the worker's own
 * instance subnet, every service IP it must balance with the instances behind it, and the peer
 * workers it tunnels to.
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
    return NetJson.mapper().readValue(json, NetworkTable.class);
  }

  public String toJson() {
    return NetJson.mapper().writeValueAsString(this);
  }

  public Ipv4Subnet ownSubnet() {
    return Ipv4Subnet.parse(subnet);
  }

  /** Everything wrong with this table, each as one readable sentence; empty when it is usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    Ipv4Subnet own = checkSubnet("subnet", subnet, problems);
    List<Ipv4Subnet> known = new ArrayList<>();
    if (own != null) {
      known.add(own);
    }
    peers.forEach(
        (workerId, peer) -> {
          String where = "peers." + workerId;
          if (workerId == null || workerId.isBlank()) {
            problems.add("a peer has a blank worker id");
          }
          if (peer == null) {
            problems.add(where + " is null");
            return;
          }
          if (!Ipv4.isValid(peer.underlay())) {
            problems.add(where + ".underlay is not an IPv4 address: '" + peer.underlay() + "'");
          }
          Ipv4Subnet subnet = checkSubnet(where + ".subnet", peer.subnet(), problems);
          if (subnet != null) {
            for (Ipv4Subnet other : known) {
              if (other.overlaps(subnet)) {
                problems.add(where + ".subnet " + subnet + " overlaps " + other);
              }
            }
            known.add(subnet);
          }
        });
    services.forEach((serviceIp, instances) -> checkService(serviceIp, instances, problems));
    return problems;
  }

  private static void checkService(
      String serviceIp, List<ServiceInstance> instances, List<String> problems) {
    String where = "services." + serviceIp;
    if (!Ipv4Subnet.SERVICES.contains(serviceIp)) {
      problems.add("service IP '" + serviceIp + "' is not in " + Ipv4Subnet.SERVICES);
    }
    if (instances == null) {
      problems.add(where + " has no instance list");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (ServiceInstance instance : instances) {
      if (instance == null || !Ipv4.isValid(instance.instanceIp())) {
        problems.add(
            where
                + " has an instance without a valid instanceIp: "
                + (instance == null ? "null" : "'" + instance.instanceIp() + "'"));
        continue;
      }
      Ipv4Subnet single = new Ipv4Subnet(Ipv4.parse(instance.instanceIp()), 32);
      if (!single.isInInstanceRange()) {
        problems.add(
            where
                + " instance "
                + instance.instanceIp()
                + " is outside "
                + Ipv4Subnet.INSTANCE_RANGE);
      }
      if (!seen.add(instance.instanceIp())) {
        problems.add(where + " lists instance " + instance.instanceIp() + " twice");
      }
      if (instance.underlay() != null && !Ipv4.isValid(instance.underlay())) {
        problems.add(
            where
                + " instance "
                + instance.instanceIp()
                + " has an invalid underlay '"
                + instance.underlay()
                + "'");
      }
    }
  }

  private static Ipv4Subnet checkSubnet(String where, String text, List<String> problems) {
    Ipv4Subnet subnet;
    try {
      subnet = Ipv4Subnet.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
      return null;
    }
    if (subnet.prefix() < 16 || subnet.prefix() > 30) {
      problems.add(where + " " + subnet + " must have a prefix length between /16 and /30");
      return null;
    }
    if (!subnet.isInInstanceRange()) {
      problems.add(where + " " + subnet + " is outside " + Ipv4Subnet.INSTANCE_RANGE);
      return null;
    }
    return subnet;
  }
}
