package io.canopy.net;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Looks for firewalls of others that drop forwarded traffic by default, as Docker's {@code ip
 * filter FORWARD} does. A drop in any base chain is final, so the overlay's forwarded traffic
 * (bridge ↔ tunnel, published ports) dies there whatever the {@code canopy} table says. Docker's
 * own chain is taken care of by {@link DockerForwardRule}; any other is only reported: the net
 * manager does not edit tables it does not own.
 */
final class ForwardPolicy {
  private final Shell shell;
  private final DockerForwardRule docker;

  ForwardPolicy(Shell shell, DockerForwardRule docker) {
    this.shell = shell;
    this.docker = docker;
  }

  /**
   * One sentence per forward-hook base chain of another table with policy drop, except Docker's
   * {@code ip filter FORWARD} once the Canopy accepts are in its {@code DOCKER-USER} chain.
   */
  List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    Shell.Result listed = shell.exec(null, "nft", "-j", "list", "chains");
    if (!listed.ok()) {
      return warnings;
    }
    Boolean dockerAccepts = null;
    for (JsonNode item : NetJsonTree.parse(listed.stdout()).path("nftables")) {
      JsonNode chain = item.path("chain");
      String family = NetJsonTree.text(chain, "family");
      String table = NetJsonTree.text(chain, "table");
      if ("forward".equals(NetJsonTree.text(chain, "hook"))
          && "drop".equals(NetJsonTree.text(chain, "policy"))
          && ("ip".equals(family) || "inet".equals(family))
          && !NftTable.NAME.equals(table)) {
        if ("ip".equals(family)
            && "filter".equals(table)
            && "FORWARD".equals(NetJsonTree.text(chain, "name"))) {
          if (dockerAccepts == null) {
            dockerAccepts = docker.present();
          }
          if (dockerAccepts) {
            continue;
          }
        }
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
