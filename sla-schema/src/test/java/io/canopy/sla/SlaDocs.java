package io.canopy.sla;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Test documents: the fixtures on the class path, Oakestra's fixtures, and edits of them. */
final class SlaDocs {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final List<String> VALID =
      List.of("seed_clientsrvr.json", "seed_nginx_unikernel.json", "full_featured.json");

  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private SlaDocs() {}

  /** A valid fixture from {@code src/test/resources/io/canopy/sla/valid}. */
  static String valid(String name) {
    return CACHE.computeIfAbsent(name, n -> resource("valid/" + n));
  }

  static String resource(String name) {
    try (InputStream in = SlaDocs.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource io/canopy/sla/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode tree(String json) {
    return (ObjectNode) JSON.readTree(json);
  }

  /**
   * Oakestra's own SLA test files, kept next to the repository in {@code ../shared/
   * oakestra-sla-fixtures} (or where {@code -Doakestra.fixtures=DIR} points). Found from any
   * working directory below the repository, so the tests run from the module or the root.
   */
  static Path oakestraFixtures() {
    String configured = System.getProperty("oakestra.fixtures");
    List<Path> tried = new ArrayList<>();
    if (configured != null) {
      tried.add(Path.of(configured).toAbsolutePath());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      tried.add(dir.resolve("shared/oakestra-sla-fixtures"));
    }
    for (Path candidate : tried) {
      if (Files.isRegularFile(candidate.resolve("sla_correct_1.json"))) {
        return candidate;
      }
    }
    return fail(
        "Oakestra's SLA fixtures were not found; looked in "
            + tried
            + ". Copy root_orchestrator/system-manager-python/tests/service_level_agreements/*.json"
            + " of github.com/oakestra/oakestra into ../shared/oakestra-sla-fixtures next to the"
            + " repository, or run with -Doakestra.fixtures=DIR.");
  }

  static String oakestra(String name) {
    try {
      return Files.readString(oakestraFixtures().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sets the value at a JSON pointer such as {@code /applications/0/name} to {@code json} (parsed),
   * creating nothing on the way: the parent must exist.
   */
  static void set(ObjectNode root, String pointer, String json) {
    JsonNode value = JSON.readTree(json);
    JsonNode parent = root.at(parentOf(pointer));
    String last = lastOf(pointer);
    if (parent instanceof ArrayNode array) {
      int index = Integer.parseInt(last);
      if (index == array.size()) {
        array.add(value);
      } else {
        array.set(index, value);
      }
    } else {
      ((ObjectNode) parent).set(last, value);
    }
  }

  static void remove(ObjectNode root, String pointer) {
    JsonNode parent = root.at(parentOf(pointer));
    String last = lastOf(pointer);
    if (parent instanceof ArrayNode array) {
      array.remove(Integer.parseInt(last));
    } else {
      ((ObjectNode) parent).remove(last);
    }
  }

  private static String parentOf(String pointer) {
    return pointer.substring(0, pointer.lastIndexOf('/'));
  }

  private static String lastOf(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1);
  }
}
