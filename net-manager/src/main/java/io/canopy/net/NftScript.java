package io.canopy.net;

import io.canopy.core.address.ServiceIpPool;
import io.canopy.core.address.SubnetPool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Writes {@code nft -f} scripts for the {@code canopy} table: a full rebuild, or the difference
 * between two states touching only the map elements, chains and rules that changed. Pure text; the
 * kernel applies each script as one transaction.
 */
final class NftScript {
  static final String TABLE = "ip " + NftTable.NAME;

  private NftScript() {}

  static String serviceChain(String serviceIp) {
    return "svc_" + serviceIp.replace('.', '_');
  }

  static String backendMap(String serviceIp) {
    return "be_" + serviceIp.replace('.', '_');
  }

  /**
   * Replaces whatever table is there with {@code state}, atomically. Traffic to a service IP that
   * no map took (no live instance) is refused rather than routed on: TCP with a reset, because the
   * ICMP error of a plain reject did not reach the client in our namespace tests. Published ports
   * on the worker's loopback (output DNAT, then masqueraded to the gateway; see {@link
   * Sysctl#enableRouteLocalnet}) work; instances cannot open connections to it.
   */
  static String rebuild(NftState state) {
    String subnet = state.subnet().toString();
    StringBuilder script = new StringBuilder();
    // "add" first so that "delete" cannot fail on a machine without the table
    script.append("add table ").append(TABLE).append('\n');
    script.append("delete table ").append(TABLE).append('\n');
    script.append(
        """
        table %1$s {
          map services { type ipv4_addr : verdict; }
          map hostports { type inet_proto . inet_service : ipv4_addr . inet_service; }
          chain prerouting {
            type nat hook prerouting priority dstnat; policy accept;
            ip daddr vmap @services
            fib daddr type local dnat ip to meta l4proto . th dport map @hostports
          }
          chain output {
            type nat hook output priority -100; policy accept;
            ip daddr vmap @services
            fib daddr type local dnat ip to meta l4proto . th dport map @hostports
          }
          chain postrouting {
            type nat hook postrouting priority srcnat; policy accept;
            ip saddr %2$s ip daddr != { %3$s, %4$s } oifname != "%5$s" masquerade
            ct status dnat iifname "%5$s" oifname "%5$s" masquerade
            ip saddr 127.0.0.0/8 oifname "%5$s" masquerade
          }
          chain infilter {
            type filter hook input priority filter; policy accept;
            iifname "%5$s" ip daddr 127.0.0.0/8 ct state != { established, related } drop
          }
          chain forward {
            type filter hook forward priority filter; policy accept;
            ip daddr %4$s meta l4proto tcp reject with tcp reset
            ip daddr %4$s reject
          }
          chain outfilter {
            type filter hook output priority filter; policy accept;
            ip daddr %4$s meta l4proto tcp reject with tcp reset
            ip daddr %4$s reject
          }
        }
        """
            .formatted(TABLE, subnet, SubnetPool.RANGE, ServiceIpPool.RANGE, Bridge.NAME));
    state.services().forEach((ip, backends) -> addService(script, ip, backends));
    state
        .hostPorts()
        .forEach(
            (key, target) ->
                line(
                    script,
                    "add element %s hostports { %s : %s }",
                    TABLE,
                    key.nft(),
                    target.nft()));
    return script.toString();
  }

  /** The changes from {@code old} to {@code next}; empty when there are none. */
  static String diff(NftState old, NftState next) {
    if (!old.subnet().equals(next.subnet())) {
      return rebuild(next);
    }
    StringBuilder script = new StringBuilder();
    old.services()
        .forEach(
            (ip, backends) -> {
              if (!next.services().containsKey(ip)) {
                removeService(script, ip);
              }
            });
    next.services()
        .forEach(
            (ip, backends) -> {
              List<String> before = old.services().get(ip);
              if (before == null) {
                addService(script, ip, backends);
              } else {
                changeService(script, ip, before, backends);
              }
            });
    old.hostPorts()
        .forEach(
            (key, target) -> {
              if (!target.equals(next.hostPorts().get(key))) {
                line(script, "delete element %s hostports { %s }", TABLE, key.nft());
              }
            });
    next.hostPorts()
        .forEach(
            (key, target) -> {
              if (!target.equals(old.hostPorts().get(key))) {
                line(
                    script, "add element %s hostports { %s : %s }", TABLE, key.nft(), target.nft());
              }
            });
    return script.toString();
  }

  /**
   * Gives each service's backends slots that keep every surviving backend where it was: newcomers
   * fill the holes, and the last slots move into holes left over. So one instance going away
   * changes at most two map elements and the rule's modulus.
   */
  static Map<String, List<String>> assignSlots(
      Map<String, List<String>> old, Map<String, List<String>> wanted) {
    Map<String, List<String>> result = new LinkedHashMap<>();
    wanted.forEach(
        (ip, backends) -> result.put(ip, assign(old.getOrDefault(ip, List.of()), backends)));
    return result;
  }

  private static List<String> assign(List<String> before, List<String> wanted) {
    Set<String> keep = new LinkedHashSet<>(wanted);
    List<String> slots = new ArrayList<>();
    for (String backend : before) {
      slots.add(keep.remove(backend) ? backend : null);
    }
    for (String newcomer : keep) {
      int hole = slots.indexOf(null);
      if (hole >= 0) {
        slots.set(hole, newcomer);
      } else {
        slots.add(newcomer);
      }
    }
    for (int hole = slots.indexOf(null); hole >= 0; hole = slots.indexOf(null)) {
      String last = slots.removeLast();
      if (hole < slots.size()) {
        slots.set(hole, last);
      }
    }
    return slots;
  }

  private static void addService(StringBuilder script, String ip, List<String> backends) {
    String map = backendMap(ip);
    String chain = serviceChain(ip);
    // the modulus in typeof only fixes the key type; the rule's modulus is what balances
    line(script, "add map %s %s { typeof numgen inc mod 2 : ip daddr; }", TABLE, map);
    line(script, "add chain %s %s", TABLE, chain);
    StringJoiner elements = new StringJoiner(", ");
    for (int slot = 0; slot < backends.size(); slot++) {
      elements.add(slot + " : " + backends.get(slot));
    }
    line(script, "add element %s %s { %s }", TABLE, map, elements);
    addRule(script, ip, backends.size());
    line(script, "add element %s services { %s : goto %s }", TABLE, ip, chain);
  }

  private static void addRule(StringBuilder script, String ip, int backends) {
    line(
        script,
        "add rule %s %s dnat to numgen inc mod %d map @%s",
        TABLE,
        serviceChain(ip),
        backends,
        backendMap(ip));
  }

  private static void removeService(StringBuilder script, String ip) {
    line(script, "delete element %s services { %s }", TABLE, ip);
    line(script, "flush chain %s %s", TABLE, serviceChain(ip));
    line(script, "delete chain %s %s", TABLE, serviceChain(ip));
    line(script, "delete map %s %s", TABLE, backendMap(ip));
  }

  private static void changeService(
      StringBuilder script, String ip, List<String> before, List<String> after) {
    String map = backendMap(ip);
    for (int slot = 0; slot < Math.max(before.size(), after.size()); slot++) {
      String was = slot < before.size() ? before.get(slot) : null;
      String now = slot < after.size() ? after.get(slot) : null;
      if (was != null && !was.equals(now)) {
        line(script, "delete element %s %s { %d }", TABLE, map, slot);
      }
      if (now != null && !now.equals(was)) {
        line(script, "add element %s %s { %d : %s }", TABLE, map, slot, now);
      }
    }
    if (before.size() != after.size()) {
      line(script, "flush chain %s %s", TABLE, serviceChain(ip));
      addRule(script, ip, after.size());
    }
  }

  private static void line(StringBuilder script, String format, Object... args) {
    script.append(String.format(format, args)).append('\n');
  }
}
