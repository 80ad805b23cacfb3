package io.canopy.root.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.application.ApplicationDocument;
import io.canopy.root.application.ApplicationService;
import io.canopy.root.application.ApplicationStore;
import io.canopy.root.application.SlaInput;
import io.canopy.root.auth.CurrentUser;
import io.canopy.root.channel.LogsRequests;
import io.canopy.root.instance.Deployments;
import io.canopy.root.instance.InstanceDocument;
import io.canopy.root.instance.InstanceStore;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Ids;
import io.canopy.root.web.ProblemType;
import io.canopy.wire.cluster.ClusterMessage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Oakestra's service and instance endpoints, plus instance logs. */
@RestController
@Tag(name = "Services and instances")
class ServiceController {
  private final ServiceStore services;
  private final ApplicationStore applications;
  private final ApplicationService applicationService;
  private final ServiceRegistrar registrar;
  private final ServiceUpdater updater;
  private final InstanceStore instances;
  private final Deployments deployments;
  private final LogsRequests logs;

  ServiceController(
      ServiceStore services,
      ApplicationStore applications,
      ApplicationService applicationService,
      ServiceRegistrar registrar,
      ServiceUpdater updater,
      InstanceStore instances,
      Deployments deployments,
      LogsRequests logs) {
    this.services = services;
    this.applications = applications;
    this.applicationService = applicationService;
    this.registrar = registrar;
    this.updater = updater;
    this.instances = instances;
    this.deployments = deployments;
    this.logs = logs;
  }

  @GetMapping({"/api/services/{applicationId}", "/api/services/{applicationId}/"})
  @Operation(summary = "The services of an application, each with its instance_list")
  List<Map<String, Object>> ofApplication(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String applicationId) {
    ApplicationDocument app =
        applications
            .byId(Ids.require(applicationId, "application"))
            .orElseThrow(() -> ApiProblem.notFound("application", applicationId));
    if (!me.mayAccess(app.userId())) {
      throw ApiProblem.forbidden("application " + applicationId + " is not yours");
    }
    return services.ofApplication(app.id()).stream()
        .map(s -> ServiceViews.of(s, instances.ofService(s.id()), false))
        .toList();
  }

  @GetMapping("/api/service/{id}")
  @Operation(summary = "A service with every instance's state, placement and scheduling result")
  Map<String, Object> get(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    ServiceDocument s = owned(me, id);
    return ServiceViews.of(s, instances.ofService(s.id()), true);
  }

  record Added(
      @JsonProperty("job_id") String jobId,
      @JsonProperty("deployed_services") List<String> deployedServices,
      @JsonProperty("failed_services") List<String> failedServices) {}

  @PostMapping(
      value = {"/api/service", "/api/service/"},
      consumes = MediaType.ALL_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Add services to applications named by applicationID in an SLA")
  Added add(@AuthenticationPrincipal CurrentUser me, @RequestBody(required = false) String body) {
    List<ServiceDocument> created = applicationService.addServices(me, SlaInput.read(body));
    List<String> ids = created.stream().map(ServiceDocument::id).toList();
    return new Added(ids.get(0), ids, List.of());
  }

  @PutMapping(value = "/api/service/{id}", consumes = MediaType.ALL_VALUE)
  @Operation(summary = "A new SLA for the service; its instances are replaced one at a time")
  Map<String, Object> update(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      @RequestBody(required = false) String body) {
    ServiceDocument updated = updater.update(owned(me, id), body);
    return ServiceViews.of(updated, instances.ofService(updated.id()), false);
  }

  @DeleteMapping("/api/service/{id}")
  @Operation(summary = "Undeploy every instance and delete the service (its address is freed)")
  Map<String, String> delete(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    ServiceDocument s = owned(me, id);
    registrar.remove(s);
    applications.removeService(s.applicationId(), s.id());
    return Map.of("message", "service " + s.fullName() + " deleted");
  }

  @PostMapping(value = "/api/service/{id}/instance", consumes = MediaType.ALL_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Deploy one more instance (a body, as Oakestra clients send, is ignored)")
  InstanceView deploy(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    return InstanceView.of(deployments.addInstance(owned(me, id)), true);
  }

  @DeleteMapping("/api/service/{id}/instance/{number}")
  @Operation(summary = "Undeploy and remove one instance")
  Map<String, String> undeploy(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id, @PathVariable int number) {
    ServiceDocument s = owned(me, id);
    InstanceDocument i = instance(s, number);
    deployments.remove(i);
    return Map.of("message", "instance " + number + " of " + s.fullName() + " undeployed");
  }

  record Logs(
      @JsonProperty("instance_number") int instanceNumber,
      @JsonProperty("instance_id") String instanceId,
      @JsonProperty("lines") List<String> lines) {}

  @GetMapping("/api/service/{id}/instance/{number}/logs")
  @Operation(summary = "The last lines of an instance's output, fetched through its cluster")
  Logs logs(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      @PathVariable int number,
      @RequestParam(defaultValue = "100") int lines) {
    if (lines < 1 || lines > 10_000) {
      throw ApiProblem.badRequest("lines", "must be between 1 and 10000");
    }
    InstanceDocument i = instance(owned(me, id), number);
    if (i.clusterId() == null) {
      throw new ApiProblem(
          ProblemType.NOT_PLACED, "instance " + number + " is " + i.state() + ", on no cluster");
    }
    ClusterMessage.LogsResult result = logs.fetch(i.clusterId(), i.id(), lines);
    if (result.error() != null) {
      throw new ApiProblem(ProblemType.LOGS_UNAVAILABLE, result.error());
    }
    return new Logs(number, i.id(), result.lines() == null ? List.of() : result.lines());
  }

  private InstanceDocument instance(ServiceDocument s, int number) {
    return instances
        .byNumber(s.id(), number)
        .orElseThrow(
            () ->
                new ApiProblem(ProblemType.NOT_FOUND, s.fullName() + " has no instance " + number));
  }

  private ServiceDocument owned(CurrentUser me, String id) {
    ServiceDocument s =
        services
            .byId(Ids.require(id, "service"))
            .orElseThrow(() -> ApiProblem.notFound("service", id));
    if (!me.mayAccess(s.userId())) {
      throw ApiProblem.forbidden("service " + id + " is not yours");
    }
    return s;
  }
}
