package io.canopy.root.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An id as Oakestra's API shows it: MongoDB extended JSON, {@code {"$oid": "<24 hex>"}}, so
 * Oakestra's dashboard and CLI read Canopy's ids unchanged.
 */
public record Oid(@JsonProperty("$oid") String oid) {

  public static Oid of(String hex) {
    return hex == null ? null : new Oid(hex);
  }
}
