package io.canopy.root.application;

import io.canopy.root.auth.CurrentUser;
import io.canopy.root.service.ServiceDocument;
import io.canopy.root.service.ServiceRegistrar;
import io.canopy.root.service.ServiceStore;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Ids;
import io.canopy.sla.Application;
import io.canopy.sla.Microservice;
import io.canopy.sla.Sla;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Registers SLAs. Everything is checked before the first write, and a failure half-way (a race lost
 * to a concurrent request) undoes what this request wrote: without multi-document transactions,
 * that is how "nothing is stored on error" holds.
 */
@Service
public class ApplicationService {
  private final ApplicationStore applications;
  private final ServiceStore services;
  private final ServiceRegistrar registrar;

  ApplicationService(
      ApplicationStore applications, ServiceStore services, ServiceRegistrar registrar) {
    this.applications = applications;
    this.services = services;
    this.registrar = registrar;
  }

  /** {@code POST /api/application/}: new applications with their services. */
  List<ApplicationDocument> register(CurrentUser me, Sla sla) {
    Set<String> seen = new HashSet<>();
    List<ServiceRegistrar.Planned> planned = new ArrayList<>();
    for (int a = 0; a < sla.applications().size(); a++) {
      Application app = sla.applications().get(a);
      String path = "$.applications[" + a + "]";
      String key = app.applicationName() + "." + app.applicationNamespace();
      if (!seen.add(key)
          || applications
              .byName(me.userId(), app.applicationName(), app.applicationNamespace())
              .isPresent()) {
        throw ApiProblem.conflict(
            path + ".application_name", "you already have an application named " + key);
      }
      planned.addAll(plan(app, path));
    }
    registrar.check(planned);
    List<ApplicationDocument> created = new ArrayList<>();
    List<ServiceDocument> createdServices = new ArrayList<>();
    try {
      int index = 0;
      for (Application app : sla.applications()) {
        ApplicationDocument doc =
            applications.insert(
                new ApplicationDocument(
                    Ids.newId(),
                    app.applicationName(),
                    app.applicationNamespace(),
                    app.applicationDesc(),
                    me.userId(),
                    List.of(),
                    Instant.now(),
                    0));
        created.add(doc);
        for (int m = 0; m < app.microservices().size(); m++) {
          ServiceDocument s = registrar.create(doc.id(), me.userId(), planned.get(index++));
          createdServices.add(s);
          applications.addService(doc.id(), s.id());
        }
      }
    } catch (DuplicateKeyException raced) {
      undo(created, createdServices);
      throw ApiProblem.conflict("$.applications", "an application of this SLA exists already");
    } catch (RuntimeException e) {
      undo(created, createdServices);
      throw e;
    }
    return created.stream().map(a -> applications.byId(a.id()).orElse(a)).toList();
  }

  /** {@code POST /api/service/}: services added to existing applications named by applicationID. */
  public List<ServiceDocument> addServices(CurrentUser me, Sla sla) {
    List<ServiceRegistrar.Planned> planned = new ArrayList<>();
    List<ApplicationDocument> targets = new ArrayList<>();
    for (int a = 0; a < sla.applications().size(); a++) {
      Application app = sla.applications().get(a);
      String path = "$.applications[" + a + "]";
      if (!Ids.isId(app.applicationId())) {
        throw ApiProblem.invalid(path + ".applicationID", "name the application to add to");
      }
      ApplicationDocument target =
          applications
              .byId(app.applicationId().toLowerCase(java.util.Locale.ROOT))
              .orElseThrow(() -> ApiProblem.notFound("application", app.applicationId()));
      if (!me.mayAccess(target.userId())) {
        throw ApiProblem.forbidden("application " + app.applicationId() + " is not yours");
      }
      // The stored application's names make the full names, whatever this SLA repeats.
      Application named =
          new Application(
              target.id(),
              target.applicationName(),
              target.applicationNamespace(),
              target.applicationDesc(),
              app.microservices());
      planned.addAll(plan(named, path));
      app.microservices().forEach(m -> targets.add(target));
    }
    if (planned.isEmpty()) {
      throw ApiProblem.invalid("$.applications[0].microservices", "holds no service to add");
    }
    registrar.check(planned);
    List<ServiceDocument> created = new ArrayList<>();
    try {
      for (int i = 0; i < planned.size(); i++) {
        ApplicationDocument target = targets.get(i);
        ServiceDocument s = registrar.create(target.id(), target.userId(), planned.get(i));
        created.add(s);
        applications.addService(target.id(), s.id());
      }
    } catch (RuntimeException e) {
      undo(List.of(), created);
      throw e;
    }
    return created;
  }

  /** Undeploys and deletes every service of the application, then the application. */
  void delete(ApplicationDocument app) {
    for (ServiceDocument s : services.ofApplication(app.id())) {
      registrar.remove(s);
    }
    applications.delete(app.id());
  }

  private static List<ServiceRegistrar.Planned> plan(Application app, String path) {
    List<ServiceRegistrar.Planned> out = new ArrayList<>();
    List<Microservice> ms = app.microservices();
    for (int m = 0; m < ms.size(); m++) {
      out.add(
          new ServiceRegistrar.Planned(
              app.applicationName(),
              app.applicationNamespace(),
              ms.get(m),
              path + ".microservices[" + m + "]"));
    }
    return out;
  }

  private void undo(List<ApplicationDocument> apps, List<ServiceDocument> created) {
    created.forEach(
        s -> {
          registrar.remove(s);
          applications.removeService(s.applicationId(), s.id());
        });
    apps.forEach(a -> applications.delete(a.id()));
  }
}
