package io.canopy.root.auth;

import io.canopy.root.user.Role;
import io.canopy.root.user.UserDocument;
import io.canopy.root.web.ApiProblem;
import java.util.Set;

/** The authenticated caller, as the JWT filter found it. */
public record CurrentUser(String userId, String name, String organizationId, Set<Role> roles) {

  public CurrentUser {
    roles = roles == null ? Set.of() : Set.copyOf(roles);
  }

  public static CurrentUser of(UserDocument user) {
    return new CurrentUser(user.id(), user.name(), user.organizationId(), Set.copyOf(user.roles()));
  }

  public boolean isAdmin() {
    return roles.contains(Role.ADMIN);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** Admins may act on anything; others only on what they own. */
  public boolean mayAccess(String ownerUserId) {
    return isAdmin() || userId.equals(ownerUserId);
  }

  public void requireAny(Role... allowed) {
    for (Role r : allowed) {
      if (roles.contains(r)) {
        return;
      }
    }
    throw ApiProblem.forbidden("this needs one of the roles " + java.util.List.of(allowed));
  }
}
