package io.canopy.e2e.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options a script really accepts, read from the labels of its {@code case} statements (e.g.
 * {@code --port|--data-dir) ;;}), so a test can check that {@code --help} lists every one of them.
 */
final class ScriptOptions {
  private static final Pattern CASE_LABEL =
      Pattern.compile("^\\s+((?:-[a-z-]+\\|)*--[a-z][a-z-]*)\\)", Pattern.MULTILINE);
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{(CANOPY_[A-Z_]+):-");

  private ScriptOptions() {}

  /** Every long option of the script's case labels. */
  static String[] of(Path script) {
    Set<String> options = new LinkedHashSet<>();
    Matcher m = CASE_LABEL.matcher(read(script));
    while (m.find()) {
      for (String option : m.group(1).split("\\|")) {
        if (option.startsWith("--") && !option.equals("--")) {
          options.add(option);
        }
      }
    }
    return options.toArray(String[]::new);
  }

  /** Every CANOPY_* variable the script reads with a default ({@code ${CANOPY_X:-…}}). */
  static String[] environment(Path script) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = ENV_DEFAULT.matcher(read(script));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names.toArray(String[]::new);
  }

  private static String read(Path script) {
    try {
      return Files.readString(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
