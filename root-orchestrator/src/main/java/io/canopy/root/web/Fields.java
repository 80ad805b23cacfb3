package io.canopy.root.web;

import java.util.regex.Pattern;

/** Checks of simple request fields, each failing with a 422 that names the field and the reason. */
public final class Fields {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private Fields() {}

  /** User and organization names: 1–64 letters, digits, '.', '_' or '-', starting alphanumeric. */
  public static String name(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiProblem.invalid(field, "is required");
    }
    if (!NAME.matcher(value).matches()) {
      throw ApiProblem.invalid(
          field, "must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return value;
  }

  public static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiProblem.invalid(field, "is required");
    }
    return value;
  }

  public static String password(String field, String value) {
    required(field, value);
    if (value.length() < 8 || value.length() > 128) {
      throw ApiProblem.invalid(field, "must be 8–128 characters long");
    }
    return value;
  }

  public static String email(String field, String value) {
    if (value == null || value.isBlank()) {
      return "";
    }
    if (value.length() > 254 || !value.matches("[^@\\s]+@[^@\\s]+")) {
      throw ApiProblem.invalid(field, "is not an e-mail address");
    }
    return value;
  }
}
