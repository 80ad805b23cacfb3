package io.canopy.root.application;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.web.Oid;
import java.util.List;

/**
 * An application as Oakestra shows it: {@code {_id, application_name, application_namespace,
 * application_desc, userId, microservices}}.
 */
record ApplicationView(
    @JsonProperty("_id") Oid id,
    @JsonProperty("applicationID") String applicationId,
    @JsonProperty("application_name") String applicationName,
    @JsonProperty("application_namespace") String applicationNamespace,
    @JsonProperty("application_desc") String applicationDesc,
    @JsonProperty("userId") String userId,
    @JsonProperty("microservices") List<String> microservices) {

  static ApplicationView of(ApplicationDocument a) {
    return new ApplicationView(
        Oid.of(a.id()),
        a.id(),
        a.applicationName(),
        a.applicationNamespace(),
        a.applicationDesc(),
        a.userId(),
        a.microservices());
  }
}
