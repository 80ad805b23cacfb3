package io.canopy.sla;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * One placement constraint. Which fields matter depends on {@code type} (see {@link
 * ConstraintType}); the others are null.
 *
 * @param type {@code direct}, {@code clusters}, {@code latency} or {@code geo}
 * @param node direct: eligible worker names, {@code a;b;c}
 * @param cluster direct: the one eligible cluster's name
 * @param allowed clusters: the eligible clusters' names
 * @param area latency/geo: a named area
 * @param threshold latency: milliseconds
 * @param rigidness latency: 0–1, how strictly the threshold holds
 * @param convergenceTime latency: seconds
 * @param location geo: {@code lat,long,radius_km}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Constraint(
    @JsonProperty("type") String type,
    @JsonProperty("node") String node,
    @JsonProperty("cluster") String cluster,
    @JsonProperty("allowed") List<String> allowed,
    @JsonProperty("area") String area,
    @JsonProperty("threshold") Double threshold,
    @JsonProperty("rigidness") Double rigidness,
    @JsonProperty("convergence_time") Double convergenceTime,
    @JsonProperty("location") String location) {

  public Constraint {
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
  }

  /** The parsed type; empty for a type Canopy does not know (never after validation). */
  public Optional<ConstraintType> kind() {
    return ConstraintType.of(type);
  }

  /** direct: the worker names of {@code node}, split at {@code ;}; empty when none. */
  public List<String> nodes() {
    return PackedList.entries(node, ';');
  }

  /**
   * geo: the parsed {@code location}; empty when absent or when this is not a geo constraint (only
   * a geo constraint's location is validated, so only there does it mean a circle).
   */
  public Optional<GeoCircle> geoCircle() {
    return kind().orElse(null) != ConstraintType.GEO || location == null || location.isBlank()
        ? Optional.empty()
        : Optional.of(GeoCircle.parse(location));
  }
}
