package io.canopy.sla;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lists that Oakestra packs into one string field: a direct constraint's {@code node} ("w1;w2"), a
 * unikernel's {@code code} ("url1,url2").
 */
final class PackedList {
  private PackedList() {}

  /** The entries between {@code separator}s, trimmed, empty ones left out; empty for null. */
  static List<String> entries(String text, char separator) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(Pattern.quote(String.valueOf(separator))))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
