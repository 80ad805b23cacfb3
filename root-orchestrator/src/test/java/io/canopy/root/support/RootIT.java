package io.canopy.root.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole root on a random port with the in-process store in memory. Every integration test
 * extends this class with the same configuration, so they all share one Spring context (and one
 * store: tests use unique names and compare counts, never assume an empty store).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "canopy.store.embedded=memory",
      "CANOPY_ADMIN_PASSWORD=" + RootIT.ADMIN_PASSWORD,
      "canopy.scheduling.retry-interval=1s",
      "canopy.clusters.resend-interval=1s",
      "canopy.clusters.logs-timeout=3s",
      "canopy.clusters.relay-settle=0s",
      "canopy.auth.max-failed-logins=3",
      "canopy.auth.lockout=2s",
      "canopy.auth.cors-allowed-origins=https://dashboard.example"
    })
@AutoConfigureMockMvc
public abstract class RootIT {
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";
  protected static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path DATA_DIR = tempDataDir();

  @Autowired protected MockMvc mvc;
  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("canopy.data-dir", DATA_DIR::toString);
  }

  protected static Path dataDir() {
    return DATA_DIR;
  }

  private static Path tempDataDir() {
    try {
      return Files.createTempDirectory("canopy-root-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  protected String adminToken() {
    return login("Admin", ADMIN_PASSWORD);
  }

  protected String login(String name, String password) {
    MvcResult r =
        call(
            post("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("username", name, "password", password))));
    if (r.getResponse().getStatus() != 200) {
      throw new AssertionError("login of " + name + " failed: " + body(r));
    }
    return json(r).get("token").asString();
  }

  /** A new application provider in the root organization; returns its access token. */
  protected String newUser(String name) {
    MvcResult r =
        call(
            post("/api/auth/register")
                .header("Authorization", "Bearer " + adminToken())
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    JSON.writeValueAsString(
                        Map.of(
                            "name",
                            name,
                            "email",
                            name + "@example.org",
                            "password",
                            "password-" + name,
                            "roles",
                            java.util.List.of("Application_Provider")))));
    if (r.getResponse().getStatus() != 201) {
      throw new AssertionError("registering " + name + " failed: " + body(r));
    }
    return login(name, "password-" + name);
  }

  protected MvcResult call(MockHttpServletRequestBuilder request) {
    try {
      return mvc.perform(request).andReturn();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  protected MvcResult getAs(String token, String path) {
    return call(get(path).header("Authorization", "Bearer " + token));
  }

  protected MvcResult postAs(String token, String path, String body) {
    return call(
        post(path)
            .header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body == null ? "" : body));
  }

  protected MvcResult putAs(String token, String path, String body) {
    return call(
        put(path)
            .header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  protected MvcResult deleteAs(String token, String path) {
    return call(delete(path).header("Authorization", "Bearer " + token));
  }

  protected static JsonNode json(MvcResult r) {
    return JSON.readTree(body(r));
  }

  protected static String body(MvcResult r) {
    try {
      return r.getResponse().getContentAsString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A minimal valid SLA with one application and one container service per name given. */
  protected static String sla(String app, String... services) {
    StringBuilder ms = new StringBuilder();
    for (String s : services) {
      if (ms.length() > 0) {
        ms.append(',');
      }
      ms.append(
          """
          {"microservice_name": "%s", "microservice_namespace": "test",
           "virtualization": "container", "code": "docker.io/library/nginx:latest",
           "memory": 100, "vcpus": 1, "port": "80"}
          """
              .formatted(s));
    }
    return """
        {"sla_version": "v2.0", "customerID": "tester",
         "applications": [{"application_name": "%s", "application_namespace": "test",
           "application_desc": "from a test", "microservices": [%s]}]}
        """
        .formatted(app, ms);
  }
}
