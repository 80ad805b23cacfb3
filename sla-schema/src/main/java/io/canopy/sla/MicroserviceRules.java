package io.canopy.sla;

import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The rules of one service; code, ports, addresses and constraints have their own classes. */
final class MicroserviceRules {
  private static final Pattern ENVIRONMENT =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*=.*", Pattern.DOTALL);

  private MicroserviceRules() {}

  /** Checks {@code service}; returns its {@code name.namespace} when both are valid, else null. */
  static String check(Fields service) {
    service.string("microserviceID", false);
    String name = Names.check(service, "microservice_name");
    String namespace = Names.check(service, "microservice_namespace");
    Virtualization kind = virtualization(service);
    service.strings("cmd", false);
    checkEnvironment(service);
    checkResources(service);
    CodeRules.check(service, kind);
    service.string("state", false);
    PortRules.check(service);
    AddressRules.check(service.object("addresses", false));
    service.strings("added_files", false);
    service.bool("one_shot");
    service.bool("privileged");
    for (Fields constraint : service.objects("constraints", false)) {
      ConstraintRules.check(constraint);
    }
    for (Fields link : service.objects("connectivity", false)) {
      ConnectivityRules.check(link);
    }
    for (Fields volume : service.objects("volumes", false)) {
      VolumeRules.check(volume);
    }
    service.string("sla_violation_strategy", false);
    service.string("target_node", false);
    return name == null || namespace == null ? null : name + "." + namespace;
  }

  private static Virtualization virtualization(Fields service) {
    String value = service.string("virtualization", true);
    if (value == null) {
      return null;
    }
    if (!Virtualization.isKnown(value)) {
      service.fail(
          "virtualization",
          "\"" + value + "\" is not a virtualization: use container, docker or unikernel");
      return null;
    }
    return Virtualization.of(value);
  }

  private static void checkEnvironment(Fields service) {
    service.strings("environment", false); // reports what is not a string
    JsonNode raw = service.raw("environment");
    for (int i = 0; raw != null && raw.isArray() && i < raw.size(); i++) {
      JsonNode entry = raw.get(i);
      if (entry.isString() && !ENVIRONMENT.matcher(entry.stringValue()).matches()) {
        service
            .out()
            .add(
                service.at("environment") + "[" + i + "]",
                "\"" + entry.stringValue() + "\" is not KEY=VALUE");
      }
    }
  }

  private static void checkResources(Fields service) {
    service.wholeNumber("memory", 0, Long.MAX_VALUE, false);
    service.number("vcpus", 0, Double.MAX_VALUE, false);
    service.wholeNumber("vgpus", 0, Integer.MAX_VALUE, false);
    service.wholeNumber("vtpus", 0, Integer.MAX_VALUE, false);
    service.wholeNumber("bandwidth_in", 0, Long.MAX_VALUE, false);
    service.wholeNumber("bandwidth_out", 0, Long.MAX_VALUE, false);
    service.wholeNumber("storage", 0, Long.MAX_VALUE, false);
  }
}
