package io.canopy.root.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Bodies of the user endpoints, with Oakestra's field names. */
public final class UserRequests {
  private UserRequests() {}

  /**
   * {@code POST /api/auth/register}; {@code organization} (a name or id) defaults to the caller's.
   */
  public record Register(
      @JsonProperty("name") String name,
      @JsonProperty("email") String email,
      @JsonProperty("password") String password,
      @JsonProperty("roles") List<String> roles,
      @JsonProperty("organization") String organization) {}

  /** {@code PUT /api/user/{name}}: every field optional. */
  public record Update(
      @JsonProperty("email") String email,
      @JsonProperty("roles") List<String> roles,
      @JsonProperty("password") String password) {}

  /** {@code POST /api/user/{name}}: change the password. */
  public record ChangePassword(
      @JsonProperty("oldPassword") String oldPassword,
      @JsonProperty("newPassword") String newPassword) {}
}
