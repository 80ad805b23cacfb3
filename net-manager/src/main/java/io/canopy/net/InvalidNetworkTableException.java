package io.canopy.net;

import java.util.List;

/** A network table that cannot be applied; nothing was changed. */
public final class InvalidNetworkTableException extends IllegalArgumentException {
  private final List<String> problems;

  InvalidNetworkTableException(List<String> problems) {
    super("invalid network table: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
