package io.canopy.root.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.canopy.root.support.RootIT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description and docs/api.md name every endpoint the root serves. */
class ApiDocsIT extends RootIT {
  private static final Pattern DOCUMENTED =
      Pattern.compile("`(GET|POST|PUT|DELETE) (/api/[^`? ]+)");

  @Test
  void everyOperationIsInTheOpenApiDescriptionAndInDocsApiMd() throws Exception {
    JsonNode paths = json(call(get("/v3/api-docs"))).get("paths");
    List<String> operations = new ArrayList<>();
    paths
        .properties()
        .forEach(
            p ->
                p.getValue()
                    .propertyNames()
                    .forEach(m -> operations.add(m.toUpperCase() + " " + p.getKey())));
    assertThat(operations)
        .contains(
            "POST /api/auth/login",
            "POST /api/application/",
            "POST /api/service/{id}/instance",
            "GET /api/service/{id}/instance/{number}/logs",
            "POST /api/clusters/register",
            "GET /api/clusters/{id}/workers");

    String doc = Files.readString(Path.of("../docs/api.md"));
    List<String> documented = new ArrayList<>();
    Matcher m = DOCUMENTED.matcher(doc);
    while (m.find()) {
      documented.add(m.group(1) + " " + normalize(m.group(2)));
    }
    for (String op : operations) {
      String[] parts = op.split(" ", 2);
      String path = normalize(parts[1]);
      assertThat(documented).as("docs/api.md describes " + op).contains(parts[0] + " " + path);
    }
    JsonNode problem =
        json(call(get("/v3/api-docs"))).get("components").get("schemas").get("Problem");
    assertThat(problem).isNotNull();
  }

  /** Path variables by position, not name; a trailing slash does not matter. */
  private static String normalize(String path) {
    String p = path.replaceAll("\\{[^}]+}", "{}");
    return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
  }
}
