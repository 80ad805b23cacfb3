package io.canopy.wire;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping every tier uses for wire records, so root, cluster and worker read each
 * other's messages the same way. Unknown properties are ignored: a newer peer may add fields.
 */
public final class WireJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // An SLA may leave numbers out (memory, vcpus…): they mean 0, as in SlaReader.
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private WireJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }
}
