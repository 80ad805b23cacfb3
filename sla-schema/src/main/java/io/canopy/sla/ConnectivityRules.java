package io.canopy.sla;

/** {@code connectivity[]}: a target service and the constraints on the link to it. */
final class ConnectivityRules {
  private ConnectivityRules() {}

  static void check(Fields link) {
    String target = link.string("target_microservice_id", true);
    if (target != null && target.isBlank()) {
      link.fail("target_microservice_id", "must not be empty");
    }
    for (Fields constraint : link.objects("con_constraints", false)) {
      String type = constraint.string("type", true);
      if (type != null && type.isBlank()) {
        constraint.fail("type", "must not be empty");
      }
      constraint.number("threshold", 0, Double.MAX_VALUE, false);
      constraint.number("rigidness", 0, 1, false);
      constraint.number("convergence_time", 0, Double.MAX_VALUE, false);
    }
  }
}
