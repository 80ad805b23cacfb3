package io.canopy.net.table;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapper of the net manager's records (tables, socket requests and replies). */
public final class NetJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private NetJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
