package io.canopy.root.organization;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.auth.CurrentUser;
import io.canopy.root.user.Role;
import io.canopy.root.user.UserStore;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Fields;
import io.canopy.root.web.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Oakestra's organization endpoints; changes are for admins. */
@RestController
@Tag(name = "Organizations")
class OrganizationController {
  private final OrganizationStore organizations;
  private final UserStore users;

  OrganizationController(OrganizationStore organizations, UserStore users) {
    this.organizations = organizations;
    this.users = users;
  }

  record Body(@JsonProperty("name") String name, @JsonProperty("member") List<Member> member) {}

  @GetMapping({"/api/organization", "/api/organization/"})
  @Operation(summary = "All organizations (admin) or your own")
  List<OrganizationView> list(@AuthenticationPrincipal CurrentUser me) {
    if (me.isAdmin()) {
      return organizations.all().stream().map(OrganizationView::of).toList();
    }
    return organizations.byId(me.organizationId()).stream().map(OrganizationView::of).toList();
  }

  @PostMapping({"/api/organization", "/api/organization/"})
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create an organization (admin)")
  OrganizationView create(@AuthenticationPrincipal CurrentUser me, @RequestBody Body body) {
    me.requireAny(Role.ADMIN);
    String name = Fields.name("name", body.name());
    List<Member> members = members(body.member());
    if (organizations.byName(name).isPresent()) {
      throw ApiProblem.conflict("name", "an organization named " + name + " exists");
    }
    try {
      return OrganizationView.of(organizations.insert(name, members));
    } catch (DuplicateKeyException raced) {
      throw ApiProblem.conflict("name", "an organization named " + name + " exists");
    }
  }

  @PutMapping("/api/organization/{id}")
  @Operation(summary = "Rename an organization or set its members (admin)")
  OrganizationView update(
      @AuthenticationPrincipal CurrentUser me, @PathVariable String id, @RequestBody Body body) {
    me.requireAny(Role.ADMIN);
    String orgId = Ids.require(id, "organization");
    OrganizationDocument current =
        organizations.byId(orgId).orElseThrow(() -> ApiProblem.notFound("organization", id));
    String name = body.name() == null ? null : Fields.name("name", body.name());
    if (name != null && !name.equals(current.name())) {
      if (current.name().equals(OrganizationDocument.ROOT)) {
        throw ApiProblem.invalid("name", "the root organization keeps its name");
      }
      if (organizations.byName(name).isPresent()) {
        throw ApiProblem.conflict("name", "an organization named " + name + " exists");
      }
    }
    List<Member> members = body.member() == null ? null : members(body.member());
    try {
      return organizations
          .update(
              orgId,
              o -> {
                OrganizationDocument next = name == null ? o : o.withName(name);
                return members == null ? next : next.withMembers(members);
              })
          .map(OrganizationView::of)
          .orElseThrow(() -> ApiProblem.notFound("organization", id));
    } catch (DuplicateKeyException raced) {
      throw ApiProblem.conflict("name", "an organization named " + name + " exists");
    }
  }

  @DeleteMapping("/api/organization/{id}")
  @Operation(summary = "Delete an organization without users (admin)")
  Map<String, String> delete(@AuthenticationPrincipal CurrentUser me, @PathVariable String id) {
    me.requireAny(Role.ADMIN);
    String orgId = Ids.require(id, "organization");
    OrganizationDocument current =
        organizations.byId(orgId).orElseThrow(() -> ApiProblem.notFound("organization", id));
    if (current.name().equals(OrganizationDocument.ROOT)) {
      throw ApiProblem.forbidden("the root organization cannot be deleted");
    }
    if (!users.inOrganization(orgId).isEmpty()) {
      throw ApiProblem.conflict("member", "the organization still has users; delete them first");
    }
    organizations.delete(orgId);
    return Map.of("message", "organization " + current.name() + " deleted");
  }

  private List<Member> members(List<Member> given) {
    if (given == null) {
      return List.of();
    }
    for (int i = 0; i < given.size(); i++) {
      Member m = given.get(i);
      if (m == null || !Ids.isId(m.userId()) || users.byId(m.userId()).isEmpty()) {
        throw ApiProblem.invalid("member[" + i + "].user_id", "names no user");
      }
    }
    return given;
  }
}
