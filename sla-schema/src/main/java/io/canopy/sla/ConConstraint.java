package io.canopy.sla;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A constraint on the link to another service, e.g. latency at most {@code threshold} ms.
 *
 * @param type e.g. {@code latency}
 * @param threshold milliseconds for latency
 * @param rigidness 0–1
 * @param convergenceTime seconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConConstraint(
    @JsonProperty("type") String type,
    @JsonProperty("threshold") Double threshold,
    @JsonProperty("rigidness") Double rigidness,
    @JsonProperty("convergence_time") Double convergenceTime) {}
