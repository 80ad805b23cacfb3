package io.canopy.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The {@code ip canopy} nftables table. The first apply of a net manager rebuilds the table from
 * the desired state (the kernel may hold anything from an earlier run); later ones send only the
 * difference to the last state applied.
 */
final class NftTable {
  static final String NAME = "canopy";
  private static final Logger log = LoggerFactory.getLogger(NftTable.class);

  private final Shell shell;
  private NftState applied;

  NftTable(Shell shell) {
    this.shell = shell;
  }

  /** Brings the table to {@code desired}; returns the state applied, with its slot order. */
  NftState apply(NftState desired) {
    NftState next =
        new NftState(
            desired.subnet(),
            NftScript.assignSlots(
                applied == null ? Map.of() : applied.services(), desired.services()),
            desired.hostPorts());
    String script = applied == null ? NftScript.rebuild(next) : NftScript.diff(applied, next);
    if (!script.isBlank()) {
      log.debug("nft -f -\n{}", script);
      try {
        shell.runWithInput(script, "nft", "-f", "-");
      } catch (RuntimeException e) {
        applied = null; // unknown now: the next apply rebuilds
        throw e;
      }
    }
    applied = next;
    return next;
  }

  NftState applied() {
    return applied;
  }

  boolean exists() {
    return shell.exec(null, "nft", "list", "table", "ip", NAME).ok();
  }

  void delete() {
    if (exists()) {
      shell.run("nft", "delete", "table", "ip", NAME);
    }
    applied = null;
  }

  /** Service IP → backends by slot, as the kernel holds them ({@code nft -j}). */
  Map<String, List<String>> readServices() {
    Map<String, List<String>> result = new LinkedHashMap<>();
    if (!exists()) {
      return result;
    }
    JsonNode all = shell.json("nft", "-j", "list", "table", "ip", NAME).path("nftables");
    for (JsonNode item : all) {
      JsonNode map = item.path("map");
      String name = NetJsonTree.text(map, "name");
      if (name == null || !name.startsWith("be_")) {
        continue;
      }
      List<String> slots = new ArrayList<>();
      for (JsonNode element : map.path("elem")) {
        int slot = element.get(0).asInt();
        while (slots.size() <= slot) {
          slots.add(null);
        }
        slots.set(slot, element.get(1).asString());
      }
      result.put(name.substring(3).replace('_', '.'), slots);
    }
    return result;
  }
}
