package io.canopy.net;

import io.canopy.core.address.ServiceIpPool;
import io.canopy.core.address.WorkerSubnet;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The Canopy bridge of a worker: instance veths are its ports, and it carries the subnet's gateway
 * address so instances route everything through the worker. It also holds the route of the service
 * range, so the worker's own processes can reach service IPs (the output chain DNATs them).
 */
final class Bridge {
  static final String NAME = "canopy-br";

  private final Shell shell;
  private final int mtu;

  Bridge(Shell shell, int mtu) {
    this.shell = shell;
    this.mtu = mtu;
  }

  boolean exists() {
    return shell.exec(null, "ip", "link", "show", "dev", NAME).ok();
  }

  /** Creates or corrects the bridge so it carries exactly the gateway address of {@code subnet}. */
  void ensure(WorkerSubnet subnet) {
    if (!exists()) {
      shell.run("ip", "link", "add", NAME, "type", "bridge");
    }
    // A fixed MAC: otherwise the bridge takes the lowest port MAC, and instances' ARP caches go
    // stale every time a veth with a lower MAC joins.
    shell.run(
        "ip",
        "link",
        "set",
        "dev",
        NAME,
        "address",
        Macs.of(0xcb, subnet),
        "mtu",
        Integer.toString(mtu));
    String wanted = subnet.gateway() + "/" + subnet.prefix();
    for (String present : addresses()) {
      if (!present.equals(wanted)) {
        shell.run("ip", "addr", "del", present, "dev", NAME);
      }
    }
    if (!addresses().contains(wanted)) {
      shell.run("ip", "addr", "add", wanted, "dev", NAME);
    }
    shell.run("ip", "link", "set", "dev", NAME, "up");
    Sysctl.enableForwarding(shell, NAME);
    Sysctl.enableRouteLocalnet(shell, NAME);
    shell.run("ip", "route", "replace", ServiceIpPool.RANGE, "dev", NAME, "src", subnet.gateway());
  }

  List<String> addresses() {
    List<String> result = new ArrayList<>();
    for (JsonNode link : shell.json("ip", "-j", "addr", "show", "dev", NAME)) {
      for (JsonNode info : link.path("addr_info")) {
        if ("inet".equals(NetJsonTree.text(info, "family"))) {
          result.add(NetJsonTree.text(info, "local") + "/" + info.path("prefixlen").asInt());
        }
      }
    }
    return result;
  }

  void delete() {
    if (exists()) {
      shell.run("ip", "link", "del", "dev", NAME);
    }
  }
}
