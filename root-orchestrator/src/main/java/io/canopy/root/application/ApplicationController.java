package io.canopy.root.application;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.auth.CurrentUser;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Ids;
import io.canopy.sla.Sla;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Oakestra's application endpoints. */
@RestController
@Tag(name = "Applications")
class ApplicationController {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]{1,30}");

  private final ApplicationStore applications;
  private final ApplicationService service;

  ApplicationController(ApplicationStore applications, ApplicationService service) {
    this.applications = applications;
    this.service = service;
  }

  @PostMapping(
      value = {"/api/application", "/api/application/"},
      consumes = MediaType.ALL_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Register the applications and services of an SLA",
      requestBody = @RequestBody(description = "An SLA v2.0 document", required = true))
  List<ApplicationView> register(
      @AuthenticationPrincipal CurrentUser me,
      @org.springframework.web.bind.annotation.RequestBody(required = false) String body) {
    Sla sla = SlaInput.read(body);
    return service.register(me, sla).stream().map(ApplicationView::of).toList();
  }

  @GetMapping({"/api/applications", "/api/applications/"})
  @Operation(summary = "Your applications (an admin: all)")
  List<ApplicationView> list(@AuthenticationPrincipal CurrentUser me) {
    var all = me.isAdmin() ? applications.all() : applications.ofUser(me.userId());
    return all.stream().map(ApplicationView::of).toList();
  }

  @GetMapping("/api/applications/{userId}")
  @Operation(summary = "One user's applications (yourself, or any user for an admin)")
  List<ApplicationView> ofUser(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String userId) {
    String id = Ids.require(userId, "user");
    if (!me.mayAccess(id)) {
      throw ApiProblem.forbidden("only an admin may list another user's applications");
    }
    return applications.ofUser(id).stream().map(ApplicationView::of).toList();
  }

  @GetMapping("/api/application/{id}")
  @Operation(summary = "One application")
  ApplicationView get(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    return ApplicationView.of(owned(me, id));
  }

  record Update(
      @JsonProperty("application_name") String applicationName,
      @JsonProperty("application_namespace") String applicationNamespace,
      @JsonProperty("application_desc") String applicationDesc) {}

  @PutMapping("/api/application/{id}")
  @Operation(summary = "Change an application's description (its names while it has no services)")
  ApplicationView update(
      @AuthenticationPrincipal CurrentUser me,
      @PathVariable String id,
      @org.springframework.web.bind.annotation.RequestBody Update body) {
    ApplicationDocument app = owned(me, id);
    if (body.applicationName() == null
        && body.applicationNamespace() == null
        && body.applicationDesc() == null) {
      throw ApiProblem.invalid(
          "$", "give application_name, application_namespace or application_desc to change");
    }
    String name = body.applicationName() == null ? app.applicationName() : body.applicationName();
    String ns =
        body.applicationNamespace() == null
            ? app.applicationNamespace()
            : body.applicationNamespace();
    String desc = body.applicationDesc() == null ? app.applicationDesc() : body.applicationDesc();
    if (!NAME.matcher(name).matches()) {
      throw ApiProblem.invalid("application_name", "must be 1–30 letters or digits");
    }
    if (!NAME.matcher(ns).matches()) {
      throw ApiProblem.invalid("application_namespace", "must be 1–30 letters or digits");
    }
    boolean renamed = !name.equals(app.applicationName()) || !ns.equals(app.applicationNamespace());
    if (renamed && !app.microservices().isEmpty()) {
      throw ApiProblem.conflict(
          "application_name",
          "the services' full names contain the application's name; delete them first");
    }
    if (renamed && applications.byName(app.userId(), name, ns).isPresent()) {
      throw ApiProblem.conflict(
          "application_name", "you already have an application named " + name + "." + ns);
    }
    try {
      return applications
          .update(app.id(), a -> a.renamed(name, ns, desc))
          .map(ApplicationView::of)
          .orElseThrow(() -> ApiProblem.notFound("application", id));
    } catch (org.springframework.dao.DuplicateKeyException raced) {
      throw ApiProblem.conflict(
          "application_name", "you already have an application named " + name + "." + ns);
    }
  }

  @DeleteMapping("/api/application/{id}")
  @Operation(summary = "Undeploy every instance and delete the application with its services")
  Map<String, String> delete(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    ApplicationDocument app = owned(me, id);
    service.delete(app);
    return Map.of("message", "application " + app.applicationName() + " deleted");
  }

  private ApplicationDocument owned(CurrentUser me, String id) {
    ApplicationDocument app =
        applications
            .byId(Ids.require(id, "application"))
            .orElseThrow(() -> ApiProblem.notFound("application", id));
    if (!me.mayAccess(app.userId())) {
      throw ApiProblem.forbidden("application " + id + " is not yours");
    }
    return app;
  }
}
