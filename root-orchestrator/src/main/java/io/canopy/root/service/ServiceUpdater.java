package io.canopy.root.service;

import io.canopy.root.application.SlaInput;
import io.canopy.root.web.ApiProblem;
import io.canopy.sla.Application;
import io.canopy.sla.Microservice;
import io.canopy.sla.Sla;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code PUT /api/service/{id}}: a new SLA for a registered service. The body is either a full SLA
 * (whose one application holds the service) or the service's SLA entry alone. The full name and the
 * service address stay; running instances are then replaced one at a time by {@link Rollouts}.
 */
@Component
class ServiceUpdater {
  private final ServiceStore services;
  private final Rollouts rollouts;

  ServiceUpdater(ServiceStore services, Rollouts rollouts) {
    this.services = services;
    this.rollouts = rollouts;
  }

  ServiceDocument update(ServiceDocument service, String body) {
    JsonNode tree = SlaInput.parse(body);
    if (!tree.isObject()) {
      throw ApiProblem.badRequest("$", "must be a JSON object: an SLA or one SLA service entry");
    }
    Microservice next = microserviceOf(service, tree);
    if (!next.microserviceName().equals(service.microserviceName())
        || !next.microserviceNamespace().equals(service.microserviceNamespace())) {
      throw ApiProblem.invalid(
          "microservice_name",
          "a registered service keeps its name and namespace ("
              + service.microserviceName()
              + "."
              + service.microserviceNamespace()
              + "); register a new service instead");
    }
    String rrIp = next.addresses().rrIp();
    if (rrIp != null && !rrIp.isBlank() && !Objects.equals(rrIp.strip(), service.serviceIp())) {
      throw ApiProblem.invalid(
          "addresses.rr_ip",
          "a registered service keeps its address " + service.serviceIp() + "; leave rr_ip out");
    }
    String json = ServiceRegistrar.slaJson(next, service.id());
    ServiceDocument updated =
        services
            .update(service.id(), s -> s.withSla(json))
            .orElseThrow(() -> ApiProblem.notFound("service", service.id()));
    rollouts.start(updated.id());
    return updated;
  }

  private static Microservice microserviceOf(ServiceDocument service, JsonNode tree) {
    Sla sla;
    if (tree.has("sla_version")) {
      sla = SlaInput.read(tree);
    } else {
      ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
      wrapped.put("sla_version", Sla.SUPPORTED_VERSION);
      wrapped.put("customerID", service.userId());
      ObjectNode app = wrapped.putArray("applications").addObject();
      app.put("application_name", service.applicationName());
      app.put("application_namespace", service.applicationNamespace());
      app.putArray("microservices").add(tree);
      sla = SlaInput.read(wrapped);
    }
    List<Microservice> all =
        sla.applications().stream().map(Application::microservices).flatMap(List::stream).toList();
    if (all.size() != 1) {
      throw ApiProblem.invalid(
          "$.applications", "give exactly one service entry, found " + all.size());
    }
    return all.get(0);
  }
}
