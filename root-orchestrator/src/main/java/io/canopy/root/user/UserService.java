package io.canopy.root.user;

import io.canopy.root.auth.CurrentUser;
import io.canopy.root.organization.Member;
import io.canopy.root.organization.OrganizationDocument;
import io.canopy.root.organization.OrganizationStore;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Fields;
import io.canopy.root.web.Ids;
import io.canopy.root.web.ProblemType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * User management with its access rules: an admin manages everyone; an organization admin manages
 * the users of its own organization (and cannot hand out the admin role); a user reads and edits
 * itself.
 */
@Service
public class UserService {
  private final UserStore users;
  private final OrganizationStore organizations;
  private final PasswordEncoder passwords;

  UserService(UserStore users, OrganizationStore organizations, PasswordEncoder passwords) {
    this.users = users;
    this.organizations = organizations;
    this.passwords = passwords;
  }

  public UserDocument register(CurrentUser caller, UserRequests.Register body) {
    caller.requireAny(Role.ADMIN, Role.ORGANIZATION_ADMIN);
    String name = Fields.name("name", body.name());
    String email = Fields.email("email", body.email());
    String password = Fields.password("password", body.password());
    List<Role> roles = roles(body.roles(), List.of(Role.APPLICATION_PROVIDER));
    OrganizationDocument org = organizationFor(caller, body.organization());
    requireMayManage(caller, org.id());
    if (roles.contains(Role.ADMIN) && !caller.isAdmin()) {
      throw ApiProblem.forbidden("only an admin may give the Admin role");
    }
    if (users.byName(org.id(), name).isPresent()) {
      throw ApiProblem.conflict("name", "a user named " + name + " exists in " + org.name());
    }
    UserDocument user =
        new UserDocument(
            Ids.newId(),
            name,
            email,
            passwords.encode(password),
            roles,
            org.id(),
            Instant.now(),
            0);
    try {
      users.insert(user);
    } catch (DuplicateKeyException raced) {
      throw ApiProblem.conflict("name", "a user named " + name + " exists in " + org.name());
    }
    organizations.addMember(org.id(), new Member(user.id(), roles));
    return user;
  }

  /** The named user in the caller's organization; an admin also finds it in any other one. */
  public UserDocument find(CurrentUser caller, String name) {
    UserDocument user =
        users
            .byName(caller.organizationId(), name)
            .or(
                () -> {
                  List<UserDocument> named = caller.isAdmin() ? users.named(name) : List.of();
                  return named.size() == 1
                      ? java.util.Optional.of(named.get(0))
                      : java.util.Optional.empty();
                })
            .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "no user named " + name));
    if (!user.id().equals(caller.userId())) {
      requireMayManage(caller, user.organizationId());
    }
    return user;
  }

  public UserDocument update(CurrentUser caller, String name, UserRequests.Update body) {
    UserDocument user = find(caller, name);
    if (body.email() == null && body.roles() == null && body.password() == null) {
      throw ApiProblem.invalid("$", "give email, roles or password to change");
    }
    String email = body.email() == null ? null : Fields.email("email", body.email());
    List<Role> roles = body.roles() == null ? null : roles(body.roles(), null);
    String hash = null;
    if (roles != null) {
      requireMayManage(caller, user.organizationId());
      if (roles.contains(Role.ADMIN) && !caller.isAdmin()) {
        throw ApiProblem.forbidden("only an admin may give the Admin role");
      }
      if (user.id().equals(caller.userId()) && caller.isAdmin() && !roles.contains(Role.ADMIN)) {
        throw ApiProblem.invalid("roles", "an admin cannot take the Admin role from itself");
      }
    }
    if (body.password() != null) {
      requireMayManage(caller, user.organizationId());
      hash = passwords.encode(Fields.password("password", body.password()));
    }
    String newHash = hash;
    UserDocument updated =
        users
            .update(
                user.id(),
                u -> {
                  UserDocument next = u;
                  next = email == null ? next : next.withEmail(email);
                  next = roles == null ? next : next.withRoles(roles);
                  return newHash == null ? next : next.withPasswordHash(newHash);
                })
            .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "no user named " + name));
    if (roles != null) {
      organizations.addMember(updated.organizationId(), new Member(updated.id(), roles));
    }
    return updated;
  }

  public void changePassword(CurrentUser caller, String name, UserRequests.ChangePassword body) {
    UserDocument user = find(caller, name);
    String next = Fields.password("newPassword", body.newPassword());
    boolean self = user.id().equals(caller.userId());
    if (self || !caller.isAdmin()) {
      if (body.oldPassword() == null
          || !passwords.matches(body.oldPassword(), user.passwordHash())) {
        throw ApiProblem.invalid("oldPassword", "does not match the current password");
      }
    }
    String hash = passwords.encode(next);
    users.update(user.id(), u -> u.withPasswordHash(hash));
  }

  public void delete(CurrentUser caller, String name) {
    UserDocument user = find(caller, name);
    if (user.id().equals(caller.userId())) {
      throw ApiProblem.forbidden("a user cannot delete itself");
    }
    requireMayManage(caller, user.organizationId());
    users.delete(user.id());
    organizations.removeMember(user.organizationId(), user.id());
  }

  public List<UserDocument> list(CurrentUser caller) {
    if (caller.isAdmin()) {
      return users.all();
    }
    caller.requireAny(Role.ORGANIZATION_ADMIN);
    return users.inOrganization(caller.organizationId());
  }

  public List<UserDocument> listOrganization(CurrentUser caller, String organizationId) {
    requireMayManage(caller, organizationId);
    return users.inOrganization(organizationId);
  }

  private void requireMayManage(CurrentUser caller, String organizationId) {
    boolean orgAdmin =
        caller.has(Role.ORGANIZATION_ADMIN) && caller.organizationId().equals(organizationId);
    if (!caller.isAdmin() && !orgAdmin) {
      throw ApiProblem.forbidden("only an admin or this organization's admin may do this");
    }
  }

  private OrganizationDocument organizationFor(CurrentUser caller, String nameOrId) {
    if (nameOrId == null || nameOrId.isBlank()) {
      return organizations
          .byId(caller.organizationId())
          .orElseThrow(() -> ApiProblem.invalid("organization", "your organization is gone"));
    }
    return organizations
        .byName(nameOrId)
        .or(() -> Ids.isId(nameOrId) ? organizations.byId(nameOrId) : java.util.Optional.empty())
        .orElseThrow(() -> ApiProblem.invalid("organization", "no organization " + nameOrId));
  }

  static List<Role> roles(List<String> names, List<Role> whenEmpty) {
    if (names == null || names.isEmpty()) {
      if (whenEmpty == null) {
        throw ApiProblem.invalid("roles", "give at least one role");
      }
      return whenEmpty;
    }
    Set<Role> roles = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      int index = i;
      roles.add(
          Role.parse(n)
              .orElseThrow(
                  () ->
                      ApiProblem.invalid(
                          "roles[" + index + "]",
                          "unknown role \""
                              + n
                              + "\"; use Admin, Organization_Admin, Application_Provider or"
                              + " Infrastructure_Provider")));
    }
    return new ArrayList<>(roles);
  }
}
