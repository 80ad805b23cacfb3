package io.canopy.sla;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of one JSON object's fields. Each read that finds a missing or mistyped field records
 * a violation at the field's path and returns null, so a check goes on after the first problem. An
 * explicit {@code null} counts as absent: Oakestra's clients send it for unset optional fields.
 */
final class Fields {
  private final JsonNode object;
  private final String path;
  private final Violations out;

  Fields(JsonNode object, String path, Violations out) {
    this.object = object;
    this.path = path;
    this.out = out;
  }

  String path() {
    return path;
  }

  String at(String field) {
    return path + "." + field;
  }

  Violations out() {
    return out;
  }

  void fail(String field, String reason) {
    out.add(at(field), reason);
  }

  /** The field's value, or null when absent or {@code null}. */
  JsonNode raw(String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : value;
  }

  boolean has(String field) {
    return raw(field) != null;
  }

  private JsonNode present(String field, boolean required) {
    JsonNode value = raw(field);
    if (value == null && required) {
      fail(field, object.has(field) ? "is required and must not be null" : "is required");
    }
    return value;
  }

  String string(String field, boolean required) {
    JsonNode value = present(field, required);
    if (value == null) {
      return null;
    }
    if (!value.isString()) {
      fail(field, mustBe("a string", value));
      return null;
    }
    return value.stringValue();
  }

  Boolean bool(String field) {
    JsonNode value = present(field, false);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      fail(field, mustBe("true or false", value));
      return null;
    }
    return value.booleanValue();
  }

  /** A number in {@code [min, max]}. */
  Double number(String field, double min, double max, boolean required) {
    JsonNode value = present(field, required);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      fail(field, mustBe("a number", value));
      return null;
    }
    double d = value.doubleValue();
    if (!Double.isFinite(d)) {
      fail(field, "must be a finite number, not " + value);
      return null;
    }
    return inRange(field, d, min, max, value.toString()) ? d : null;
  }

  /** A whole number in {@code [min, max]}; {@code 100.0} counts as whole. */
  Long wholeNumber(String field, long min, long max, boolean required) {
    JsonNode value = raw(field);
    if (value != null && value.isIntegralNumber() && !value.canConvertToLong()) {
      fail(field, "must be at most " + max + ", not " + value);
      return null;
    }
    Double d = number(field, min, max, required);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d)) {
      fail(field, "must be a whole number, not " + raw(field));
      return null;
    }
    return d.longValue();
  }

  private boolean inRange(String field, double d, double min, double max, String text) {
    if (d < min) {
      fail(field, "must be " + plain(min) + " or more, not " + text);
      return false;
    }
    if (d > max) {
      fail(field, "must be at most " + plain(max) + ", not " + text);
      return false;
    }
    return true;
  }

  /** An array of strings; a wrong element is reported at its index and left out. */
  List<String> strings(String field, boolean required) {
    List<String> result = new ArrayList<>();
    JsonNode array = array(field, required);
    if (array == null) {
      return required ? null : result;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode element = array.get(i);
      if (element.isString()) {
        result.add(element.stringValue());
      } else {
        out.add(at(field) + "[" + i + "]", mustBe("a string", element));
      }
    }
    return result;
  }

  /** An array of objects; a wrong element is reported at its index and left out. */
  List<Fields> objects(String field, boolean required) {
    List<Fields> result = new ArrayList<>();
    JsonNode array = array(field, required);
    if (array == null) {
      return required ? null : result;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode element = array.get(i);
      String elementPath = at(field) + "[" + i + "]";
      if (element.isObject()) {
        result.add(new Fields(element, elementPath, out));
      } else {
        out.add(elementPath, mustBe("an object", element));
      }
    }
    return result;
  }

  /** The field as an object, or null when absent or mistyped. */
  Fields object(String field, boolean required) {
    JsonNode value = present(field, required);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      fail(field, mustBe("an object", value));
      return null;
    }
    return new Fields(value, at(field), out);
  }

  JsonNode array(String field, boolean required) {
    JsonNode value = present(field, required);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      fail(field, mustBe("an array", value));
      return null;
    }
    return value;
  }

  static String mustBe(String expected, JsonNode actual) {
    return "must be " + expected + ", not " + describe(actual);
  }

  static String describe(JsonNode node) {
    if (node.isString()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "true" : "false";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isObject()) {
      return "an object";
    }
    return "null";
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
  }
}
