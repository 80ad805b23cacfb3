package io.canopy.sla;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads SLA documents: parses, validates the JSON tree (collecting every violation with its path),
 * and binds to records only when nothing is wrong. Never throws for bad input.
 */
public final class SlaReader {

  private SlaReader() {}

  /** Reads one SLA document. */
  public static SlaReadResult read(String json) {
    JsonInput.Parsed parsed = JsonInput.parse(json);
    return parsed.tree() == null
        ? new SlaReadResult(null, List.of(parsed.problem()))
        : read(parsed.tree());
  }

  /** Validates and binds an already parsed SLA document. */
  public static SlaReadResult read(JsonNode tree) {
    List<Violation> violations = SlaValidator.validate(orNull(tree));
    if (!violations.isEmpty()) {
      return new SlaReadResult(null, violations);
    }
    try {
      return new SlaReadResult(JsonInput.MAPPER.treeToValue(argsAsMap(tree), Sla.class), List.of());
    } catch (JacksonException e) {
      return new SlaReadResult(null, List.of(JsonInput.bindingFailed(e)));
    }
  }

  /**
   * Reads one service object on its own, as found in an SLA's {@code microservices[]}. The same
   * rules apply as inside an SLA, except uniqueness within an application, which needs the rest.
   */
  public static ServiceReadResult readMicroservice(String json) {
    JsonInput.Parsed parsed = JsonInput.parse(json);
    if (parsed.tree() == null) {
      return new ServiceReadResult(null, List.of(parsed.problem()));
    }
    List<Violation> violations = SlaValidator.validateService(parsed.tree());
    if (!violations.isEmpty()) {
      return new ServiceReadResult(null, violations);
    }
    try {
      return new ServiceReadResult(
          JsonInput.MAPPER.treeToValue(parsed.tree(), Microservice.class), List.of());
    } catch (JacksonException e) {
      return new ServiceReadResult(null, List.of(JsonInput.bindingFailed(e)));
    }
  }

  /**
   * Reads Oakestra's dashboard descriptor {@code {"microservices": [...]}}, which adds services to
   * an application created beforehand. Each service follows the SLA rules; names must be unique
   * within the list.
   */
  public static ServicesReadResult readServices(String json) {
    JsonInput.Parsed parsed = JsonInput.parse(json);
    return parsed.tree() == null
        ? new ServicesReadResult(null, List.of(parsed.problem()))
        : readServices(parsed.tree());
  }

  /** {@link #readServices(String)} for an already parsed document. */
  public static ServicesReadResult readServices(JsonNode tree) {
    List<Violation> violations = SlaValidator.validateServiceList(orNull(tree));
    if (!violations.isEmpty()) {
      return new ServicesReadResult(null, violations);
    }
    try {
      return new ServicesReadResult(
          JsonInput.MAPPER.treeToValue(tree, ServiceList.class).microservices(), List.of());
    } catch (JacksonException e) {
      return new ServicesReadResult(null, List.of(JsonInput.bindingFailed(e)));
    }
  }

  /**
   * Checks a document of either form Oakestra users write: a full SLA, or the dashboard's {@code
   * {"microservices": [...]}} (told apart by {@link #isServiceList}). Empty when it is valid.
   */
  public static List<Violation> check(String json) {
    JsonInput.Parsed parsed = JsonInput.parse(json);
    if (parsed.tree() == null) {
      return List.of(parsed.problem());
    }
    return isServiceList(parsed.tree())
        ? readServices(parsed.tree()).violations()
        : read(parsed.tree()).violations();
  }

  /**
   * Whether a parsed document is the dashboard descriptor rather than a full SLA: it has {@code
   * microservices} at the top and neither {@code sla_version} nor {@code applications}.
   */
  public static boolean isServiceList(JsonNode tree) {
    return tree != null
        && tree.isObject()
        && tree.has("microservices")
        && !tree.has("sla_version")
        && !tree.has("applications");
  }

  /** The dashboard descriptor's shape, for binding only. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record ServiceList(List<Microservice> microservices) {}

  private static JsonNode orNull(JsonNode tree) {
    return tree == null ? JsonInput.MAPPER.nullNode() : tree;
  }

  /** Oakestra's fixtures send {@code "args": []}: read a list as a map keyed by index. */
  private static JsonNode argsAsMap(JsonNode tree) {
    JsonNode args = tree.get("args");
    if (args == null || !args.isArray()) {
      return tree;
    }
    ObjectNode copy = ((ObjectNode) tree).deepCopy();
    ObjectNode map = copy.putObject("args");
    ArrayNode list = (ArrayNode) args;
    for (int i = 0; i < list.size(); i++) {
      map.set(Integer.toString(i), list.get(i));
    }
    return copy;
  }
}
