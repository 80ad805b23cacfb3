package io.canopy.root.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The four roles, shown (in tokens and bodies) with Oakestra's names so its clients read them. */
public enum Role {
  ADMIN("Admin"),
  ORGANIZATION_ADMIN("Organization_Admin"),
  APPLICATION_PROVIDER("Application_Provider"),
  INFRASTRUCTURE_PROVIDER("Infrastructure_Provider");

  private final String oakestraName;

  Role(String oakestraName) {
    this.oakestraName = oakestraName;
  }

  @JsonValue
  public String oakestraName() {
    return oakestraName;
  }

  /** Oakestra's name ({@code Application_Provider}) or the enum's, in any case. */
  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    return Arrays.stream(values())
        .filter(r -> r.oakestraName.equalsIgnoreCase(t) || r.name().equalsIgnoreCase(t))
        .findFirst();
  }

  @JsonCreator
  static Role fromJson(String text) {
    return parse(text)
        .orElseThrow(() -> new IllegalArgumentException("unknown role \"" + text + "\""));
  }
}
