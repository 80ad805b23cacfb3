package io.canopy.net;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Looks for firewalls of others that drop forwarded traffic by default, as Docker's {@code ip
 * filter FORWARD} does. A drop in any base chain is final, so the overlay's forwarded traffic
 * (bridge ↔ tunnel, published ports) dies there whatever the {@code canopy} table says; the net
 * manager does not edit other tables, it says so.
 */
final class ForwardPolicy {
  private final Shell shell;

  ForwardPolicy(Shell shell) {
    this.shell = shell;
  }

  /** One sentence per forward-hook base chain of another table with policy drop. */
  List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    Shell.Result listed = shell.exec(null, "nft", "-j", "list", "chains");
    if (!listed.ok()) {
      return warnings;
    }
    for (JsonNode item : NetJsonTree.parse(listed.stdout()).path("nftables")) {
      JsonNode chain = item.path("chain");
      String family = NetJsonTree.text(chain, "family");
      String table = NetJsonTree.text(chain, "table");
      if ("forward".equals(NetJsonTree.text(chain, "hook"))
          && "drop".equals(NetJsonTree.text(chain, "policy"))
          && ("ip".equals(family) || "inet".equals(family))
          && !NftTable.NAME.equals(table)) {
        warnings.add(
            "chain "
                + family
                + " "
                + table
                + " "
                + NetJsonTree.text(chain, "name")
                + " drops forwarded traffic by default, so overlay traffic between workers and to"
                + " published ports is dropped unless it accepts "
                + Bridge.NAME
                + " and "
                + Vxlan.NAME
                + " (with Docker: iptables -I DOCKER-USER -i "
                + Bridge.NAME
                + " -j ACCEPT; iptables -I DOCKER-USER -o "
                + Bridge.NAME
                + " -j ACCEPT)");
      }
    }
    return warnings;
  }
}
