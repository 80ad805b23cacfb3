package io.canopy.root.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.canopy.root.application.ApplicationStore;
import io.canopy.root.service.ServiceStore;
import io.canopy.root.support.RootIT;
import io.jsonwebtoken.Jwts;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

class SecurityIT extends RootIT {
  private static final String SOME_ID = "0123456789abcdef01234567";

  /** Every endpoint that needs a token, with a body where it takes one. */
  private static final List<String[]> PROTECTED =
      List.of(
          new String[] {"POST", "/api/auth/register"},
          new String[] {"GET", "/api/user/Admin"},
          new String[] {"PUT", "/api/user/Admin"},
          new String[] {"POST", "/api/user/Admin"},
          new String[] {"DELETE", "/api/user/Admin"},
          new String[] {"GET", "/api/users/"},
          new String[] {"GET", "/api/users/" + SOME_ID},
          new String[] {"GET", "/api/organization/"},
          new String[] {"POST", "/api/organization/"},
          new String[] {"PUT", "/api/organization/" + SOME_ID},
          new String[] {"DELETE", "/api/organization/" + SOME_ID},
          new String[] {"POST", "/api/application/"},
          new String[] {"GET", "/api/applications/"},
          new String[] {"GET", "/api/applications/" + SOME_ID},
          new String[] {"GET", "/api/application/" + SOME_ID},
          new String[] {"PUT", "/api/application/" + SOME_ID},
          new String[] {"DELETE", "/api/application/" + SOME_ID},
          new String[] {"GET", "/api/services/" + SOME_ID},
          new String[] {"POST", "/api/service/"},
          new String[] {"GET", "/api/service/" + SOME_ID},
          new String[] {"PUT", "/api/service/" + SOME_ID},
          new String[] {"DELETE", "/api/service/" + SOME_ID},
          new String[] {"POST", "/api/service/" + SOME_ID + "/instance"},
          new String[] {"DELETE", "/api/service/" + SOME_ID + "/instance/0"},
          new String[] {"GET", "/api/service/" + SOME_ID + "/instance/0/logs"},
          new String[] {"POST", "/api/clusters/tokens"},
          new String[] {"GET", "/api/clusters/"},
          new String[] {"GET", "/api/clusters/active"},
          new String[] {"GET", "/api/clusters/" + SOME_ID + "/workers"},
          new String[] {"DELETE", "/api/clusters/" + SOME_ID},
          new String[] {"GET", "/actuator/prometheus"});

  @Autowired JwtKeys keys;
  @Autowired ApplicationStore applications;
  @Autowired ServiceStore services;

  @Test
  void everyEndpointRefusesMissingExpiredAndForeignTokens() throws Exception {
    String expired = token(keys.pair().getPrivate(), "access", Instant.now().minusSeconds(60));
    var other = KeyPairGenerator.getInstance("RSA");
    other.initialize(2048);
    String foreign =
        token(other.generateKeyPair().getPrivate(), "access", Instant.now().plusSeconds(600));
    String refresh = token(keys.pair().getPrivate(), "refresh", Instant.now().plusSeconds(600));
    long apps = applications.count();
    for (String[] e : PROTECTED) {
      assertRefused(e, null, "unauthenticated");
      assertRefused(e, expired, "invalid-token");
      assertRefused(e, foreign, "invalid-token");
      assertRefused(e, refresh, "invalid-token");
      assertRefused(e, "not.a.jwt", "invalid-token");
    }
    assertThat(applications.count()).isEqualTo(apps);
  }

  @Test
  void anotherUsersTokenIsForbiddenAndChangesNothing() {
    String owner = newUser(unique("o"));
    String intruder = newUser(unique("i"));
    MvcResult created = postAs(owner, "/api/application/", sla(unique("a"), "svc"));
    String appId = json(created).get(0).get("_id").get("$oid").asString();
    String serviceId = json(created).get(0).get("microservices").get(0).asString();
    long apps = applications.count();
    long svcs = services.count();

    for (MvcResult r :
        List.of(
            getAs(intruder, "/api/application/" + appId),
            putAs(intruder, "/api/application/" + appId, "{\"application_desc\":\"mine\"}"),
            deleteAs(intruder, "/api/application/" + appId),
            getAs(intruder, "/api/services/" + appId),
            getAs(intruder, "/api/service/" + serviceId),
            putAs(intruder, "/api/service/" + serviceId, "{}"),
            deleteAs(intruder, "/api/service/" + serviceId),
            postAs(intruder, "/api/service/" + serviceId + "/instance", ""),
            getAs(
                intruder,
                "/api/applications/"
                    + json(getAs(owner, "/api/applications/")).get(0).get("userId").asString()),
            postAs(intruder, "/api/users/", ""),
            getAs(intruder, "/api/users/"),
            postAs(intruder, "/api/clusters/tokens", ""),
            postAs(intruder, "/api/organization/", "{\"name\":\"evil\"}"),
            postAs(intruder, "/api/auth/register", "{\"name\":\"x\",\"password\":\"12345678\"}"))) {
      int status = r.getResponse().getStatus();
      assertThat(status)
          .as(r.getRequest().getMethod() + " " + r.getRequest().getRequestURI())
          .isIn(403, 405);
    }
    assertThat(applications.count()).isEqualTo(apps);
    assertThat(services.count()).isEqualTo(svcs);
    assertThat(json(getAs(owner, "/api/application/" + appId)).get("application_desc").asString())
        .isEqualTo("from a test");
    assertThat(json(getAs(intruder, "/api/applications/"))).isEmpty();
    // An admin sees everything.
    assertThat(getAs(adminToken(), "/api/application/" + appId).getResponse().getStatus())
        .isEqualTo(200);
  }

  @Test
  void loginRefreshAndThrottling() {
    String name = unique("t");
    String token = newUser(name);
    MvcResult wrong = attempt(name, "wrong-password!");
    assertThat(wrong.getResponse().getStatus()).isEqualTo(401);
    assertThat(json(wrong).get("type").asString())
        .isEqualTo("https://canopy.io/problems/bad-credentials");
    attempt(name, "wrong-password!");
    attempt(name, "wrong-password!");
    MvcResult throttled = attempt(name, "password-" + name);
    assertThat(throttled.getResponse().getStatus()).isEqualTo(429);
    assertThat(json(throttled).get("retry_after_seconds").asLong()).isPositive();

    MvcResult ok = null;
    for (int i = 0; i < 40; i++) {
      ok = attempt(name, "password-" + name);
      if (ok.getResponse().getStatus() == 200) {
        break;
      }
      sleep(200);
    }
    assertThat(ok.getResponse().getStatus()).isEqualTo(200);
    String refreshToken = json(ok).get("refresh_token").asString();
    MvcResult refreshed =
        call(post("/api/auth/refresh").header("Authorization", "Bearer " + refreshToken));
    assertThat(refreshed.getResponse().getStatus()).isEqualTo(200);
    String fresh = json(refreshed).get("token").asString();
    assertThat(getAs(fresh, "/api/applications/").getResponse().getStatus()).isEqualTo(200);
    // An access token is not a refresh token.
    MvcResult misuse = call(post("/api/auth/refresh").header("Authorization", "Bearer " + token));
    assertThat(misuse.getResponse().getStatus()).isEqualTo(401);
    assertThat(call(post("/api/auth/refresh")).getResponse().getStatus()).isEqualTo(401);
  }

  @Test
  void publicEndpointsAndCors() {
    assertThat(call(get("/actuator/health")).getResponse().getStatus()).isEqualTo(200);
    assertThat(call(get("/v3/api-docs")).getResponse().getStatus()).isEqualTo(200);
    assertThat(call(get("/api/docs")).getResponse().getStatus()).isIn(200, 302);
    assertThat(getAs(adminToken(), "/actuator/prometheus").getResponse().getStatus())
        .isEqualTo(200);

    MvcResult allowed =
        call(
            options("/api/applications/")
                .header("Origin", "https://dashboard.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type"));
    assertThat(allowed.getResponse().getStatus()).isEqualTo(200);
    assertThat(allowed.getResponse().getHeader("Access-Control-Allow-Origin"))
        .isEqualTo("https://dashboard.example");
    MvcResult refused =
        call(
            options("/api/applications/")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET"));
    assertThat(refused.getResponse().getStatus()).isEqualTo(403);
  }

  private MvcResult attempt(String name, String password) {
    return call(
        post("/api/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .content(JSON.writeValueAsString(Map.of("username", name, "password", password))));
  }

  private void assertRefused(String[] endpoint, String token, String type) {
    var builder =
        request(HttpMethod.valueOf(endpoint[0]), endpoint[1])
            .contentType(MediaType.APPLICATION_JSON)
            .content("{}");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    MvcResult r = call(builder);
    String what = endpoint[0] + " " + endpoint[1] + " with " + type;
    assertThat(r.getResponse().getStatus()).as(what).isEqualTo(401);
    assertThat(r.getResponse().getContentType()).as(what).isEqualTo("application/problem+json");
    assertThat(json(r).get("type").asString())
        .as(what)
        .isEqualTo("https://canopy.io/problems/" + type);
  }

  private static String token(PrivateKey key, String type, Instant expires) {
    return Jwts.builder()
        .subject("Admin")
        .claim("roles", List.of("Admin"))
        .claim("uid", SOME_ID)
        .claim("typ", type)
        .issuedAt(Date.from(expires.minusSeconds(600)))
        .expiration(Date.from(expires))
        .signWith(key, Jwts.SIG.RS256)
        .compact();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
