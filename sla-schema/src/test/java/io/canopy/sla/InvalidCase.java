package io.canopy.sla;

import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * One invalid document and exactly the violations it must get.
 *
 * @param schemaCanTell whether the JSON Schema can express the broken rule too (uniqueness, list
 *     lengths that must match and value ranges inside strings are the validator's alone)
 */
record InvalidCase(String name, String document, boolean schemaCanTell, List<Violation> expected) {

  /** The full-featured valid fixture with one edit applied. */
  static InvalidCase edited(String name, Consumer<ObjectNode> edit, String path, String reason) {
    ObjectNode doc = SlaDocs.tree(SlaDocs.valid("full_featured.json"));
    edit.accept(doc);
    return new InvalidCase(name, doc.toString(), true, List.of(new Violation(path, reason)));
  }

  static InvalidCase set(String name, String pointer, String json, String path, String reason) {
    return edited(name, d -> SlaDocs.set(d, pointer, json), path, reason);
  }

  static InvalidCase drop(String name, String pointer, String path, String reason) {
    return edited(name, d -> SlaDocs.remove(d, pointer), path, reason);
  }

  static InvalidCase text(String name, String text, String path, String reason) {
    return new InvalidCase(name, text, false, List.of(new Violation(path, reason)));
  }

  InvalidCase beyondSchema() {
    return new InvalidCase(name, document, false, expected);
  }

  @Override
  public String toString() {
    return name;
  }
}
