package io.canopy.sla;

import java.util.ArrayList;
import java.util.List;

/** Collects violations while a document is checked, so all of them are reported at once. */
final class Violations {
  private final List<Violation> list = new ArrayList<>();

  void add(String path, String reason) {
    list.add(new Violation(path, reason));
  }

  List<Violation> list() {
    return List.copyOf(list);
  }
}
