package io.canopy.sla;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One application of an SLA.
 *
 * @param applicationId empty (or absent) for a new application; the existing id when editing
 * @param applicationName 1–30 letters or digits
 * @param applicationNamespace 1–30 letters or digits
 * @param applicationDesc free text, empty when absent
 * @param microservices the application's services; may be empty (services can be added later)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Application(
    @JsonProperty("applicationID") String applicationId,
    @JsonProperty("application_name") String applicationName,
    @JsonProperty("application_namespace") String applicationNamespace,
    @JsonProperty("application_desc") String applicationDesc,
    @JsonProperty("microservices") List<Microservice> microservices) {

  public Application {
    applicationId = applicationId == null ? "" : applicationId;
    applicationDesc = applicationDesc == null ? "" : applicationDesc;
    microservices = microservices == null ? List.of() : List.copyOf(microservices);
  }

  /** {@code app.appns}, the prefix of every service's full name. */
  public String fullName() {
    return applicationName + "." + applicationNamespace;
  }
}
