package io.canopy.root.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /api/docs}): bearer
 * authentication, and the problem+json error answers on every operation.
 */
@Configuration
class OpenApiConfig {
  private static final String BEARER = "bearer";
  private static final Set<String> PUBLIC =
      Set.of("/api/auth/login", "/api/auth/refresh", "/api/clusters/register");

  @Bean
  OpenAPI canopyOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Canopy root orchestrator API")
                .version("0.1.0")
                .description(
                    "Oakestra-compatible REST API of Canopy's root orchestrator. Errors are"
                        + " application/problem+json with a stable type URI; see docs/api.md."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")));
  }

  @Bean
  OpenApiCustomizer problemResponses() {
    return api -> {
      api.getComponents().addSchemas("Problem", problemSchema());
      api.getPaths()
          .forEach(
              (path, item) ->
                  item.readOperations()
                      .forEach(
                          op -> {
                            if (!PUBLIC.contains(path)) {
                              op.addSecurityItem(new SecurityRequirement().addList(BEARER));
                              add(op.getResponses(), "401", "No valid access token");
                              add(op.getResponses(), "403", "Your roles do not allow this");
                            }
                            add(op.getResponses(), "400", "Malformed request");
                            if (path.contains("{")) {
                              add(op.getResponses(), "404", "No such resource");
                            }
                            if (op.getRequestBody() != null || path.endsWith("/")) {
                              add(op.getResponses(), "409", "Conflicts with what exists");
                              add(op.getResponses(), "422", "Invalid fields or SLA");
                            }
                          }));
    };
  }

  private static void add(
      io.swagger.v3.oas.models.responses.ApiResponses responses, String code, String what) {
    if (responses != null && !responses.containsKey(code)) {
      responses.addApiResponse(
          code,
          new ApiResponse()
              .description(what)
              .content(
                  new Content()
                      .addMediaType(
                          "application/problem+json",
                          new MediaType()
                              .schema(new Schema<>().$ref("#/components/schemas/Problem")))));
    }
  }

  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    ObjectSchema fieldProblem = new ObjectSchema();
    fieldProblem.setProperties(Map.of("field", new StringSchema(), "reason", new StringSchema()));
    ObjectSchema problem = new ObjectSchema();
    problem.setProperties(
        Map.of(
            "type", new StringSchema().example("https://canopy.io/problems/invalid-sla"),
            "title", new StringSchema(),
            "status", new IntegerSchema(),
            "detail", new StringSchema(),
            "instance", new StringSchema(),
            "field", new StringSchema(),
            "reason", new StringSchema(),
            "errors", new ArraySchema().items(fieldProblem)));
    return problem;
  }
}
