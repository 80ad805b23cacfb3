package io.canopy.root.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The error mapping alone: each kind of failure becomes the problem+json it promises. */
class ProblemAdviceTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Body(String name) {}

  @RestController
  static class Failing {
    @GetMapping("/problem/{kind}")
    String problem(@PathVariable String kind) {
      throw switch (kind) {
        case "conflict" -> ApiProblem.conflict("name", "exists");
        case "invalid" -> ApiProblem.invalid("memory", "must be positive");
        case "taken" ->
            new ApiProblem(
                ProblemType.ADDRESS_TAKEN,
                "10.30.0.1 is held by a.b.c.d",
                List.of(new FieldProblem("rr_ip", "held")),
                Map.of("holder", "a.b.c.d"));
        case "duplicate" -> new DuplicateKeyException("E11000");
        default -> new IllegalStateException("secret internals");
      };
    }

    @PostMapping("/body")
    String body(@RequestBody Body body) {
      return body.name();
    }

    @GetMapping("/number")
    String number(@RequestParam int n) {
      return Integer.toString(n);
    }
  }

  private final MockMvc mvc =
      MockMvcBuilders.standaloneSetup(new Failing())
          .setControllerAdvice(new ProblemAdvice())
          .build();

  @Test
  void expectedProblemsKeepTheirTypeFieldAndReason() throws Exception {
    JsonNode conflict = problem(get("/problem/conflict"), 409);
    assertThat(conflict.get("type").asString()).isEqualTo("https://canopy.io/problems/conflict");
    assertThat(conflict.get("field").asString()).isEqualTo("name");
    assertThat(conflict.get("reason").asString()).isEqualTo("exists");
    assertThat(conflict.get("instance").asString()).isEqualTo("/problem/conflict");

    JsonNode invalid = problem(get("/problem/invalid"), 422);
    assertThat(invalid.get("errors").get(0).get("field").asString()).isEqualTo("memory");

    JsonNode taken = problem(get("/problem/taken"), 409);
    assertThat(taken.get("holder").asString()).isEqualTo("a.b.c.d");
    assertThat(taken.get("type").asString()).endsWith("/address-taken");

    assertThat(problem(get("/problem/duplicate"), 409).get("type").asString())
        .endsWith("/conflict");
  }

  @Test
  void frameworkErrorsBecomeProblemsToo() throws Exception {
    assertThat(
            problem(
                    post("/body").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"),
                    400)
                .get("type")
                .asString())
        .endsWith("/malformed-json");
    assertThat(problem(get("/number").param("n", "x"), 400).get("field").asString()).isEqualTo("n");
    assertThat(problem(get("/number"), 400).get("field").asString()).isEqualTo("n");
    assertThat(problem(post("/number"), 405).get("type").asString())
        .endsWith("/method-not-allowed");
    assertThat(
            problem(post("/body").contentType(MediaType.TEXT_PLAIN).content("x"), 415)
                .get("type")
                .asString())
        .endsWith("/unsupported-media-type");
  }

  @Test
  void unexpectedErrorsRevealNothing() throws Exception {
    JsonNode internal = problem(get("/problem/boom"), 500);
    assertThat(internal.toString()).doesNotContain("secret internals");
    assertThat(internal.get("type").asString()).endsWith("/internal");
  }

  private JsonNode problem(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
      int status)
      throws Exception {
    MvcResult r = mvc.perform(request).andReturn();
    assertThat(r.getResponse().getStatus())
        .as(r.getResponse().getContentAsString())
        .isEqualTo(status);
    assertThat(r.getResponse().getContentType()).isEqualTo("application/problem+json");
    return JSON.readTree(r.getResponse().getContentAsString());
  }
}
