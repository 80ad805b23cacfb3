package io.canopy.node.runtime.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker daemon's own error message out of a docker-java exception, whose message wraps it as
 * {@code Status 500: {"message":"..."}}.
 */
final class DaemonWords {
  private static final Pattern MESSAGE =
      Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private DaemonWords() {}

  static String of(Throwable e) {
    Throwable t = e;
    while (t.getMessage() == null && t.getCause() != null) {
      t = t.getCause();
    }
    String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    Matcher m = MESSAGE.matcher(text);
    if (m.find()) {
      return m.group(1).replace("\\\"", "\"").replace("\\n", " ").replace("\\\\", "\\").trim();
    }
    return text.trim();
  }
}
