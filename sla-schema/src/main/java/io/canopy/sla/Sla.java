package io.canopy.sla;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SLA v2.0 deployment descriptor as Oakestra users write it. Read one with {@link
 * SlaReader#read(String)}, which validates before it binds.
 *
 * @param slaVersion always {@code v2.0} once validated
 * @param customerId the owner; Oakestra's {@code customerID}
 * @param applications one or more applications
 * @param args free-form extras; Oakestra's fixtures send {@code []}, which reads as an empty map
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Sla(
    @JsonProperty("sla_version") String slaVersion,
    @JsonProperty("customerID") String customerId,
    @JsonProperty("applications") List<Application> applications,
    @JsonProperty("args") Map<String, Object> args) {

  /** The only version Canopy reads. */
  public static final String SUPPORTED_VERSION = "v2.0";

  public Sla {
    applications = applications == null ? List.of() : List.copyOf(applications);
    // Map.copyOf refuses null values, which free-form args may hold.
    args = args == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }
}
