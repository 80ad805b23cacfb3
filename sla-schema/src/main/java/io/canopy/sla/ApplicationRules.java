package io.canopy.sla;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rules of one application and of the uniqueness of its services' names. */
final class ApplicationRules {
  private ApplicationRules() {}

  /** Checks {@code app}; returns its {@code name.namespace} when both are valid, else null. */
  static String check(Fields app) {
    app.string("applicationID", false);
    String name = Names.check(app, "application_name");
    String namespace = Names.check(app, "application_namespace");
    app.string("application_desc", false);
    checkServices(app.objects("microservices", false));
    return name == null || namespace == null ? null : name + "." + namespace;
  }

  /** Checks each service and that no two share a name and namespace. */
  static void checkServices(List<Fields> services) {
    Map<String, String> seen = new HashMap<>();
    for (Fields service : services) {
      String serviceName = MicroserviceRules.check(service);
      if (serviceName != null) {
        String first = seen.putIfAbsent(serviceName, service.path());
        if (first != null) {
          service.fail(
              "microservice_name", "service " + serviceName + " is already defined at " + first);
        }
      }
    }
  }
}
