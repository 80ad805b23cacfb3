package io.canopy.root.organization;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.user.Role;
import java.util.List;

/** A user's membership in an organization, with the roles it holds there (Oakestra's shape). */
public record Member(
    @JsonProperty("user_id") String userId, @JsonProperty("roles") List<Role> roles) {

  public Member {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }
}
