package io.canopy.root.service;

import io.canopy.root.address.ServiceIpAllocator;
import io.canopy.root.instance.Deployments;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Ids;
import io.canopy.sla.Microservice;
import io.canopy.wire.WireJson;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates and removes services. Creation is checked in full before anything is written ({@link
 * #check}), and {@link #create} undoes its own writes if it fails half-way, so an error leaves the
 * store as it was.
 */
@Component
public class ServiceRegistrar {
  private final ServiceStore services;
  private final ServiceIpAllocator addresses;
  private final Deployments deployments;

  ServiceRegistrar(ServiceStore services, ServiceIpAllocator addresses, Deployments deployments) {
    this.services = services;
    this.addresses = addresses;
    this.deployments = deployments;
  }

  /** A service to be created, with the JSON path of its SLA entry for error messages. */
  public record Planned(
      String applicationName, String applicationNamespace, Microservice microservice, String path) {
    String fullName() {
      return microservice.fullName(applicationName, applicationNamespace);
    }
  }

  /**
   * 409 when a full name exists (in the store or twice in the request) or a requested {@code rr_ip}
   * is held; 422 for an {@code rr_ip} that can never be given.
   */
  public void check(List<Planned> planned) {
    Set<String> names = new java.util.HashSet<>();
    Set<String> ips = new java.util.HashSet<>();
    for (Planned p : planned) {
      String name = p.fullName();
      if (!names.add(name) || services.byFullName(name).isPresent()) {
        throw ApiProblem.conflict(
            p.path() + ".microservice_name", "a service named " + name + " exists");
      }
      String rrIp = p.microservice().addresses().rrIp();
      if (rrIp != null && !rrIp.isBlank()) {
        String field = p.path() + ".addresses.rr_ip";
        if (!ips.add(rrIp.strip())) {
          throw ApiProblem.conflict(field, rrIp + " is asked for by two services of this request");
        }
        addresses.checkRequested(field, rrIp.strip());
      }
    }
  }

  /** Creates the service with its address; on failure nothing of it remains. */
  public ServiceDocument create(String applicationId, String userId, Planned p) {
    String id = Ids.newId();
    String ip =
        addresses.allocate(
            id, p.fullName(), p.microservice().addresses().rrIp(), p.path() + ".addresses.rr_ip");
    Instant now = Instant.now();
    ServiceDocument service =
        new ServiceDocument(
            id,
            applicationId,
            userId,
            p.applicationName(),
            p.applicationNamespace(),
            p.microservice().microserviceName(),
            p.microservice().microserviceNamespace(),
            p.fullName(),
            slaJson(p.microservice(), id),
            ip,
            0,
            0,
            now,
            now,
            0);
    try {
      return services.insert(service);
    } catch (DuplicateKeyException raced) {
      addresses.release(id);
      throw ApiProblem.conflict(
          p.path() + ".microservice_name", "a service named " + p.fullName() + " exists");
    } catch (RuntimeException e) {
      addresses.release(id);
      throw e;
    }
  }

  /** Undeploys every instance, frees the address and deletes the service. */
  public void remove(ServiceDocument service) {
    deployments.removeAll(service.id());
    services.delete(service.id());
    addresses.release(service.id());
  }

  /** The SLA entry as stored: exactly as written, with {@code microserviceID} set to the id. */
  static String slaJson(Microservice microservice, String id) {
    ObjectNode node = WireJson.mapper().valueToTree(microservice);
    node.put("microserviceID", id);
    return WireJson.mapper().writeValueAsString(node);
  }
}
