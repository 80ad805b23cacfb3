package io.canopy.sla;

import java.util.List;

/**
 * The outcome of reading an SLA: the bound SLA when it is valid, otherwise every violation found.
 *
 * @param sla the SLA; null when there is any violation
 * @param violations empty when the SLA is valid
 */
public record SlaReadResult(Sla sla, List<Violation> violations) {

  public SlaReadResult {
    violations = violations == null ? List.of() : List.copyOf(violations);
  }

  public boolean valid() {
    return sla != null && violations.isEmpty();
  }
}
