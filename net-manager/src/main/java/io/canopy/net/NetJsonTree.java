package io.canopy.net;

import io.canopy.wire.WireJson;
import tools.jackson.databind.JsonNode;

/** Reads the JSON that {@code ip -j}, {@code bridge -j} and {@code nft -j} print. */
final class NetJsonTree {
  private NetJsonTree() {}

  static JsonNode parse(String json) {
    return WireJson.mapper().readTree(json);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }
}
