package io.canopy.sla;

import java.util.regex.Pattern;

/**
 * Oakestra's name rule for applications, services and their namespaces: 1 to 30 ASCII letters or
 * digits. Dots separate the parts of a full name ({@code app.appns.svc.svcns}), so no part may hold
 * one.
 */
public final class Names {
  public static final int MAX_LENGTH = 30;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]{1,30}");

  private Names() {}

  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** Why {@code name} breaks the rule, or null when it follows it. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "must not be empty: use 1 to 30 letters or digits";
    }
    if (name.length() > MAX_LENGTH) {
      return "\"" + name + "\" is " + name.length() + " characters long: use 1 to 30";
    }
    if (!isValid(name)) {
      return "\"" + name + "\" may hold only letters and digits (a-z, A-Z, 0-9)";
    }
    return null;
  }

  /** Reads a required name field, recording a violation when it breaks the rule. */
  static String check(Fields fields, String field) {
    String name = fields.string(field, true);
    if (name != null) {
      String problem = problem(name);
      if (problem != null) {
        fields.fail(field, problem);
        return null;
      }
    }
    return name;
  }
}
