package io.canopy.root.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.web.Oid;
import java.util.List;

/**
 * A user as Oakestra shows it: {@code {_id, name, email, roles, created_at}}, plus its
 * organization.
 */
public record UserView(
    @JsonProperty("_id") Oid id,
    @JsonProperty("name") String name,
    @JsonProperty("email") String email,
    @JsonProperty("roles") List<Role> roles,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("organization_id") String organizationId) {

  public static UserView of(UserDocument u) {
    return new UserView(
        Oid.of(u.id()),
        u.name(),
        u.email(),
        u.roles(),
        u.createdAt() == null ? null : u.createdAt().toString(),
        u.organizationId());
  }
}
