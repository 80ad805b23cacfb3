package io.canopy.sla;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of placement constraint an SLA may carry, by their JSON {@code type}. */
public enum ConstraintType {
  /** Named workers ({@code node: "a;b"}) and/or one named cluster ({@code cluster}). */
  DIRECT("direct"),
  /** A list of allowed clusters ({@code allowed}). */
  CLUSTERS("clusters"),
  /** Users in {@code area} should see at most {@code threshold} ms. */
  LATENCY("latency"),
  /** Within {@code location} ({@code lat,long,radius_km}) or a named {@code area}. */
  GEO("geo");

  private final String json;

  ConstraintType(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  public static Optional<ConstraintType> of(String type) {
    return Arrays.stream(values()).filter(t -> t.json.equals(type)).findFirst();
  }
}
