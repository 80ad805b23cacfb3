package io.canopy.sla;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Checks a whole SLA tree; each part has its own rules class. */
final class SlaValidator {
  private SlaValidator() {}

  static List<Violation> validate(JsonNode tree) {
    Violations out = new Violations();
    if (!tree.isObject()) {
      out.add("$", Fields.mustBe("a JSON object", tree));
      return out.list();
    }
    Fields sla = new Fields(tree, "$", out);
    checkVersion(sla);
    sla.string("customerID", true);
    JsonNode args = sla.raw("args");
    if (args != null && !args.isObject() && !args.isArray()) {
      sla.fail("args", Fields.mustBe("an object or an array", args));
    }
    List<Fields> applications = sla.objects("applications", true);
    if (applications == null) {
      return out.list();
    }
    if (sla.raw("applications").isEmpty()) {
      sla.fail("applications", "must hold at least one application");
    }
    Map<String, String> seen = new HashMap<>();
    for (Fields application : applications) {
      String fullName = ApplicationRules.check(application);
      if (fullName != null) {
        String first = seen.putIfAbsent(fullName, application.path());
        if (first != null) {
          out.add(
              application.at("application_name"),
              "application " + fullName + " is already defined at " + first);
        }
      }
    }
    return out.list();
  }

  /** One service object on its own. */
  static List<Violation> validateService(JsonNode tree) {
    Violations out = new Violations();
    if (!tree.isObject()) {
      out.add("$", Fields.mustBe("a JSON object", tree));
    } else {
      MicroserviceRules.check(new Fields(tree, "$", out));
    }
    return out.list();
  }

  /** The dashboard descriptor: {@code {"microservices": [...]}} with at least one service. */
  static List<Violation> validateServiceList(JsonNode tree) {
    Violations out = new Violations();
    if (!tree.isObject()) {
      out.add("$", Fields.mustBe("a JSON object", tree));
      return out.list();
    }
    Fields list = new Fields(tree, "$", out);
    List<Fields> services = list.objects("microservices", true);
    if (services != null && list.raw("microservices").isEmpty()) {
      list.fail("microservices", "must hold at least one service");
    }
    if (services != null) {
      ApplicationRules.checkServices(services);
    }
    return out.list();
  }

  private static void checkVersion(Fields sla) {
    JsonNode version = sla.raw("sla_version");
    if (version == null) {
      sla.fail(
          "sla_version",
          "is required: the supported sla_version is \"" + Sla.SUPPORTED_VERSION + "\"");
    } else if (!version.isString() || !Sla.SUPPORTED_VERSION.equals(version.stringValue())) {
      sla.fail(
          "sla_version",
          version
              + " is not supported: the supported sla_version is \""
              + Sla.SUPPORTED_VERSION
              + "\"");
    }
  }
}
