package io.canopy.sla;

import java.util.List;
import java.util.Optional;

/**
 * One placement constraint. Every field is type-checked whatever the type (binding reads them all);
 * then the type's own fields are required.
 */
final class ConstraintRules {
  private static final String TYPES = "direct, clusters, latency or geo";

  private ConstraintRules() {}

  static void check(Fields constraint) {
    String type = constraint.string("type", true);
    String node = constraint.string("node", false);
    String cluster = constraint.string("cluster", false);
    List<String> allowed = constraint.strings("allowed", false);
    String area = constraint.string("area", false);
    constraint.number("threshold", 0, Double.MAX_VALUE, false);
    constraint.number("rigidness", 0, 1, false);
    constraint.number("convergence_time", 0, Double.MAX_VALUE, false);
    String location = constraint.string("location", false);
    if (type == null) {
      return;
    }
    Optional<ConstraintType> kind = ConstraintType.of(type);
    if (kind.isEmpty()) {
      constraint.fail("type", "\"" + type + "\" is not a constraint type: use " + TYPES);
      return;
    }
    switch (kind.get()) {
      case DIRECT -> direct(constraint, node, cluster);
      case CLUSTERS -> clusters(constraint, allowed);
      case LATENCY -> latency(constraint, area);
      case GEO -> geo(constraint, location, area);
    }
  }

  private static void direct(Fields constraint, String node, String cluster) {
    boolean hasNode = node != null && !node.isBlank();
    boolean hasCluster = cluster != null && !cluster.isBlank();
    boolean mistyped =
        constraint.has("node") && node == null || constraint.has("cluster") && cluster == null;
    if (!hasNode && !hasCluster) {
      if (!mistyped) { // a mistyped node or cluster has been reported already
        constraint
            .out()
            .add(
                constraint.path(),
                "a direct constraint needs node (\"worker1;worker2\") and/or cluster");
      }
      return;
    }
    if (hasNode) {
      for (String name : node.split(";", -1)) {
        if (name.isBlank()) {
          constraint.fail("node", "\"" + node + "\" has an empty worker name: use a;b;c");
          break;
        }
      }
    }
  }

  private static void clusters(Fields constraint, List<String> allowed) {
    if (!constraint.has("allowed")) {
      constraint.fail("allowed", "is required for a clusters constraint: list the cluster names");
    } else if (constraint.raw("allowed").isArray() && constraint.raw("allowed").isEmpty()) {
      constraint.fail("allowed", "must list at least one cluster");
    }
    for (int i = 0; i < allowed.size(); i++) {
      if (allowed.get(i).isBlank()) {
        constraint.out().add(constraint.at("allowed") + "[" + i + "]", "must not be empty");
      }
    }
  }

  private static void latency(Fields constraint, String area) {
    if (!constraint.has("area")) {
      constraint.fail("area", "is required for a latency constraint");
    } else if (area != null && area.isBlank()) {
      constraint.fail("area", "must not be empty");
    }
    if (!constraint.has("threshold")) {
      constraint.fail("threshold", "is required for a latency constraint (milliseconds)");
    }
  }

  private static void geo(Fields constraint, String location, String area) {
    if (!constraint.has("location") && !constraint.has("area")) {
      constraint
          .out()
          .add(
              constraint.path(),
              "a geo constraint needs location (\"lat,long,radius_km\") or area");
      return;
    }
    if (location != null) {
      String problem = GeoCircle.problem(location);
      if (problem != null) {
        constraint.fail("location", problem);
      }
    }
    if (area != null && area.isBlank() && location == null) {
      constraint.fail("area", "must not be empty");
    }
  }
}
