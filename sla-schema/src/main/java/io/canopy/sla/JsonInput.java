package io.canopy.sla;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parsing and binding for the reader: text to a tree (or one violation saying why not), and a
 * checked tree to records. Duplicate keys are malformed: the author could not know which value
 * would win.
 */
final class JsonInput {
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Validation lets null stand for an absent optional number; bind it as 0.
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private JsonInput() {}

  /** A parsed tree, or the violation that explains why there is none. */
  record Parsed(JsonNode tree, Violation problem) {}

  static Parsed parse(String json) {
    if (json == null) {
      return new Parsed(null, new Violation("$", "no document given"));
    }
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (tree == null || tree.isMissingNode()) {
        return new Parsed(null, new Violation("$", "is empty: an SLA is a JSON object"));
      }
      return new Parsed(tree, null);
    } catch (JacksonException e) {
      return new Parsed(null, new Violation("$", "is not valid JSON: " + describe(e)));
    }
  }

  /** The violation for a tree that passed validation but could not be bound (a validator gap). */
  static Violation bindingFailed(JacksonException e) {
    return new Violation("$", "could not be read: " + describe(e));
  }

  /** The parser's reason on one line, with its position. */
  static String describe(JacksonException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    // Jackson appends hints and a source excerpt on new lines; the first line is the reason.
    int newline = message.indexOf('\n');
    if (newline > 0) {
      message = message.substring(0, newline);
    }
    TokenStreamLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    return message;
  }
}
