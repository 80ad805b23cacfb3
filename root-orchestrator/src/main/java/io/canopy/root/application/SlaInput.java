package io.canopy.root.application;

import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.FieldProblem;
import io.canopy.root.web.ProblemType;
import io.canopy.sla.Sla;
import io.canopy.sla.SlaReadResult;
import io.canopy.sla.SlaReader;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an SLA body: malformed JSON is a 400; a well-formed document that breaks the SLA rules is a
 * 422 listing every violation with its JSON path.
 */
public final class SlaInput {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private SlaInput() {}

  public static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiProblem(
          ProblemType.MALFORMED_JSON,
          "the body is empty; send an SLA as JSON",
          List.of(new FieldProblem("$", "is empty")),
          Map.of());
    }
    try {
      JsonNode tree = JSON.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw new ApiProblem(ProblemType.MALFORMED_JSON, "the body holds no JSON value");
      }
      return tree;
    } catch (JacksonException e) {
      String reason = e.getOriginalMessage();
      throw new ApiProblem(
          ProblemType.MALFORMED_JSON,
          "the body is not valid JSON: " + reason,
          List.of(new FieldProblem("$", reason)),
          Map.of());
    }
  }

  public static Sla read(String body) {
    return read(parse(body));
  }

  public static Sla read(JsonNode tree) {
    SlaReadResult result = SlaReader.read(tree);
    if (!result.valid()) {
      List<FieldProblem> errors =
          result.violations().stream().map(v -> new FieldProblem(v.path(), v.reason())).toList();
      throw new ApiProblem(
          ProblemType.INVALID_SLA,
          errors.size() + " problem(s) in the SLA; see errors",
          errors,
          Map.of());
    }
    return result.sla();
  }
}
