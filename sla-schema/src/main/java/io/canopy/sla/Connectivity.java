package io.canopy.sla;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a service needs from its link to another service.
 *
 * @param targetMicroserviceId the other service's id (a string, as Oakestra writes it)
 * @param conConstraints the link's constraints; empty when none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Connectivity(
    @JsonProperty("target_microservice_id") String targetMicroserviceId,
    @JsonProperty("con_constraints") List<ConConstraint> conConstraints) {

  public Connectivity {
    conConstraints = conConstraints == null ? List.of() : List.copyOf(conConstraints);
  }
}
