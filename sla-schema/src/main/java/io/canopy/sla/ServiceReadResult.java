package io.canopy.sla;

import java.util.List;

/**
 * The outcome of reading one service on its own (Oakestra's dashboard edits services one at a
 * time): the bound service when it is valid, otherwise every violation, with paths below {@code $}.
 *
 * @param service the service; null when there is any violation
 * @param violations empty when the service is valid
 */
public record ServiceReadResult(Microservice service, List<Violation> violations) {

  public ServiceReadResult {
    violations = violations == null ? List.of() : List.copyOf(violations);
  }

  public boolean valid() {
    return service != null && violations.isEmpty();
  }
}
