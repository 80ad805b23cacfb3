package io.canopy.net;

import io.canopy.core.address.WorkerSubnet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The VXLAN device joining this worker to its peers. Each worker's tunnel end has a MAC derived
 * from its subnet, so a peer needs only three static entries, all on this device: a unicast FDB
 * entry (peer MAC → peer underlay address), a permanent neighbour (peer gateway → peer MAC) and a
 * route (peer subnet via peer gateway). No ARP or flooding crosses the tunnel.
 */
final class Vxlan {
  static final String NAME = "canopy-vx";
  private static final int TUNNEL_MAC_KIND = 0xca;

  private final Shell shell;
  private final int vni;
  private final int port;
  private final String localUnderlay;
  private final int mtu;

  /**
   * @param localUnderlay the outer source address, or null to let the kernel pick by route
   */
  Vxlan(Shell shell, int vni, int port, String localUnderlay, int mtu) {
    this.shell = shell;
    this.vni = vni;
    this.port = port;
    this.localUnderlay = localUnderlay;
    this.mtu = mtu;
  }

  /** A peer as the tunnel sees it. */
  record Tunnel(String underlay, WorkerSubnet subnet) {
    String mac() {
      return Macs.of(TUNNEL_MAC_KIND, subnet);
    }
  }

  boolean exists() {
    return shell.exec(null, "ip", "link", "show", "dev", NAME).ok();
  }

  /** Brings the device and its per-peer entries to exactly {@code peers}. */
  void reconcile(WorkerSubnet own, Collection<Tunnel> peers) {
    ensureDevice(own);
    Map<String, String> fdbWanted = new HashMap<>();
    Map<String, String> neighWanted = new HashMap<>();
    Map<String, String> routesWanted = new LinkedHashMap<>();
    for (Tunnel peer : peers) {
      fdbWanted.put(peer.mac(), peer.underlay());
      neighWanted.put(peer.subnet().gateway(), peer.mac());
      routesWanted.put(peer.subnet().cidr(), peer.subnet().gateway());
    }
    // routes first out, last in: a route never points at a neighbour that is not there
    Map<String, String> routes = routes();
    routes.forEach(
        (dst, via) -> {
          if (!via.equals(routesWanted.get(dst))) {
            shell.run("ip", "route", "del", dst, "dev", NAME);
          }
        });
    Map<String, String> fdb = fdb();
    fdb.forEach(
        (mac, dst) -> {
          if (!dst.equals(fdbWanted.get(mac))) {
            shell.run("bridge", "fdb", "del", mac, "dev", NAME, "dst", dst);
          }
        });
    fdbWanted.forEach(
        (mac, dst) -> {
          if (!dst.equals(fdb.get(mac))) {
            shell.run(
                "bridge", "fdb", "replace", mac, "dev", NAME, "dst", dst, "self", "permanent");
          }
        });
    Map<String, String> neighbours = neighbours();
    neighbours.forEach(
        (ip, mac) -> {
          if (!neighWanted.containsKey(ip)) {
            shell.run("ip", "neigh", "del", ip, "dev", NAME);
          }
        });
    neighWanted.forEach(
        (ip, mac) -> {
          if (!mac.equals(neighbours.get(ip))) {
            shell.run("ip", "neigh", "replace", ip, "lladdr", mac, "dev", NAME, "nud", "permanent");
          }
        });
    routesWanted.forEach(
        (dst, via) -> {
          if (!via.equals(routes.get(dst))) {
            shell.run("ip", "route", "replace", dst, "via", via, "dev", NAME, "onlink");
          }
        });
  }

  private void ensureDevice(WorkerSubnet own) {
    if (exists() && !matchesConfig()) {
      shell.run("ip", "link", "del", "dev", NAME);
    }
    if (!exists()) {
      List<String> add =
          new ArrayList<>(
              List.of(
                  "ip",
                  "link",
                  "add",
                  NAME,
                  "type",
                  "vxlan",
                  "id",
                  Integer.toString(vni),
                  "dstport",
                  Integer.toString(port),
                  "nolearning"));
      if (localUnderlay != null) {
        add.addAll(List.of("local", localUnderlay));
      }
      shell.run(add.toArray(String[]::new));
    }
    shell.run(
        "ip",
        "link",
        "set",
        "dev",
        NAME,
        "address",
        Macs.of(TUNNEL_MAC_KIND, own),
        "mtu",
        Integer.toString(mtu),
        "up");
    Sysctl.enableForwarding(shell, NAME);
  }

  private boolean matchesConfig() {
    for (JsonNode link : shell.json("ip", "-j", "-d", "link", "show", "dev", NAME)) {
      JsonNode data = link.path("linkinfo").path("info_data");
      return data.path("id").asInt() == vni
          && data.path("port").asInt() == port
          && (localUnderlay == null || localUnderlay.equals(NetJsonTree.text(data, "local")));
    }
    return false;
  }

  /** FDB entries with a remote: MAC → underlay address. */
  Map<String, String> fdb() {
    Map<String, String> result = new HashMap<>();
    for (JsonNode entry : shell.json("bridge", "-j", "fdb", "show", "dev", NAME)) {
      String dst = NetJsonTree.text(entry, "dst");
      if (dst != null) {
        result.put(NetJsonTree.text(entry, "mac"), dst);
      }
    }
    return result;
  }

  private Map<String, String> neighbours() {
    Map<String, String> result = new HashMap<>();
    for (JsonNode entry : shell.json("ip", "-j", "neigh", "show", "dev", NAME)) {
      String mac = NetJsonTree.text(entry, "lladdr");
      result.put(NetJsonTree.text(entry, "dst"), mac == null ? "" : mac);
    }
    return result;
  }

  /** Routes through the tunnel: peer subnet → next hop. */
  Map<String, String> routes() {
    Map<String, String> result = new HashMap<>();
    for (JsonNode route : shell.json("ip", "-j", "route", "show", "dev", NAME)) {
      String gateway = NetJsonTree.text(route, "gateway");
      result.put(NetJsonTree.text(route, "dst"), gateway == null ? "" : gateway);
    }
    return result;
  }

  void delete() {
    if (exists()) {
      shell.run("ip", "link", "del", "dev", NAME);
    }
  }
}
