package io.canopy.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Prometheus text scrape (as a test reads {@code /metrics} or {@code /actuator/prometheus}),
 * read the way a PromQL selector reads it: name plus labels.
 */
public record PrometheusScrape(String text) {
  private static final Pattern SERIES =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  /**
   * The sum of the series named {@code name} that carry every label given (as {@code
   * sum(name{labels})} would); empty when there is none.
   */
  public OptionalDouble sum(String name, String... labels) {
    Map<String, String> wanted = new HashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    Matcher m = SERIES.matcher(text);
    boolean found = false;
    double sum = 0;
    while (m.find()) {
      if (!m.group(1).equals(name)
          || !labelsOf(m.group(3)).entrySet().containsAll(wanted.entrySet())) {
        continue;
      }
      found = true;
      sum += Double.parseDouble(m.group(4));
    }
    return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
  }

  /** Like {@link #sum} for a series that must be there. */
  public double value(String name, String... labels) {
    return sum(name, labels)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + name + " " + String.join(",", labels) + " in the scrape:\n" + text));
  }

  private static Map<String, String> labelsOf(String labels) {
    Map<String, String> out = new HashMap<>();
    if (labels != null) {
      Matcher m = LABEL.matcher(labels);
      while (m.find()) {
        out.put(m.group(1), m.group(2));
      }
    }
    return out;
  }
}
