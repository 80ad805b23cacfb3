package io.canopy.sla;

import java.util.List;

/**
 * The outcome of reading Oakestra's dashboard descriptor, {@code {"microservices": [...]}}: the
 * services of an application that already exists.
 *
 * @param services the services; null when there is any violation
 * @param violations empty when every service is valid
 */
public record ServicesReadResult(List<Microservice> services, List<Violation> violations) {

  public ServicesReadResult {
    services = services == null ? null : List.copyOf(services);
    violations = violations == null ? List.of() : List.copyOf(violations);
  }

  public boolean valid() {
    return services != null && violations.isEmpty();
  }
}
