package io.canopy.root.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.canopy.root.application.ApplicationStore;
import io.canopy.root.cluster.ClusterStore;
import io.canopy.root.instance.InstanceStore;
import io.canopy.root.organization.OrganizationStore;
import io.canopy.root.service.ServiceStore;
import io.canopy.root.support.RootIT;
import io.canopy.root.user.UserStore;
import io.canopy.sla.SlaReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thousands of mutated SLAs and request bodies: every answer is a 4xx (never a 5xx, never a
 * success) and the store is exactly as it was. Seeded, so a failure can be replayed.
 */
class FuzzIT extends RootIT {
  private static final long SEED = 20261122L;
  private static final int SLA_MUTATIONS = 1500;
  private static final int BODY_MUTATIONS = 500;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Autowired ApplicationStore applications;
  @Autowired ServiceStore services;
  @Autowired InstanceStore instances;
  @Autowired UserStore users;
  @Autowired OrganizationStore organizations;
  @Autowired ClusterStore clusters;

  @Test
  void mutatedInputsOnlyGet4xxAndChangeNothing() {
    String token = newUser(unique("fz"));
    String base = sla(unique("fuzz"), "alpha", "beta");
    MvcResult registered = postAs(token, "/api/application/", base);
    assertThat(registered.getResponse().getStatus()).isEqualTo(201);
    String appId = json(registered).get(0).get("_id").get("$oid").asString();
    String serviceId = json(registered).get(0).get("microservices").get(0).asString();
    List<Long> before = counts();

    Random random = new Random(SEED);
    JsonNode baseTree = JSON.readTree(base);
    int posted = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < SLA_MUTATIONS; i++) {
      String mutated = mutate(baseTree, base, random);
      if (SlaReader.read(mutated).valid()) {
        continue; // still a valid SLA (and a duplicate one): not what this test is about
      }
      posted++;
      String path = random.nextBoolean() ? "/api/application/" : "/api/service/";
      check(postAs(token, path, mutated), mutated, failures);
    }
    List<Supplier<MvcResult>> others =
        List.of(
            () -> putAs(token, "/api/service/" + serviceId, junk(random, base)),
            () ->
                putAs(token, "/api/application/" + appId, junk(random, "{\"application_desc\":1}")),
            () -> postAs(token, "/api/organization/", randomJson(random, 3).toString()),
            () -> postAs(token, "/api/auth/register", randomJson(random, 3).toString()),
            () -> postAs(token, "/api/user/" + unique("x"), randomJson(random, 2).toString()),
            () -> postAs(token, "/api/service/" + unique("id") + "/instance", junk(random, "{}")),
            () ->
                getAs(
                    token, "/api/service/" + serviceId + "/instance/" + random.nextInt() + "/logs"),
            () ->
                call(
                    post("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(login(random))),
            () ->
                call(
                    post("/api/clusters/register")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                            junk(
                                random,
                                "{\"cluster_name\":\"c\",\"location\":\"1,2\",\"token\":\"t\"}"))));
    for (int i = 0; i < BODY_MUTATIONS; i++) {
      check(others.get(random.nextInt(others.size())).get(), "(body " + i + ")", failures);
    }
    assertThat(failures).as("answers outside 4xx").isEmpty();
    assertThat(posted).isGreaterThan(SLA_MUTATIONS / 2);
    assertThat(counts()).isEqualTo(before);
  }

  private static void check(MvcResult r, String input, List<String> failures) {
    int status = r.getResponse().getStatus();
    if (status < 400 || status >= 500) {
      String sent;
      try {
        sent = r.getRequest().getContentAsString();
      } catch (java.io.IOException e) {
        sent = input;
      }
      failures.add(
          status + " " + r.getRequest().getRequestURI() + " for " + sent + " → " + body(r));
    }
  }

  private List<Long> counts() {
    return List.of(
        applications.count(),
        services.count(),
        instances.count(),
        users.count(),
        (long) organizations.all().size(),
        (long) clusters.all().size());
  }

  /** One structural mutation of the SLA tree, or a textual one of its JSON. */
  private static String mutate(JsonNode base, String text, Random random) {
    if (random.nextInt(5) == 0) {
      return junk(random, text);
    }
    JsonNode copy = base.deepCopy();
    List<ObjectNode> objects = new ArrayList<>();
    collect(copy, objects);
    int changes = 1 + random.nextInt(3);
    for (int c = 0; c < changes; c++) {
      ObjectNode target = objects.get(random.nextInt(objects.size()));
      List<String> names = new ArrayList<>(target.propertyNames());
      if (names.isEmpty()) {
        continue;
      }
      String field = names.get(random.nextInt(names.size()));
      switch (random.nextInt(3)) {
        case 0 -> target.remove(field);
        case 1 -> target.set(field, randomValue(random));
        default -> target.set(field, randomJson(random, 2));
      }
    }
    return copy.toString();
  }

  private static void collect(JsonNode node, List<ObjectNode> out) {
    if (node instanceof ObjectNode o) {
      out.add(o);
      o.values().forEach(v -> collect(v, out));
    } else if (node instanceof ArrayNode a) {
      a.values().forEach(v -> collect(v, out));
    }
  }

  private static JsonNode randomValue(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.numberNode(random.nextLong());
      case 2 -> NODES.numberNode(-1);
      case 3 -> NODES.numberNode(random.nextDouble() * 1e12);
      case 4 -> NODES.stringNode("");
      case 5 -> NODES.stringNode("x".repeat(random.nextInt(5000)));
      case 6 -> NODES.stringNode("名前 with spaces; $(rm -rf /) ' \" \\");
      case 7 -> NODES.booleanNode(random.nextBoolean());
      case 8 -> NODES.arrayNode().add(random.nextInt());
      case 9 -> NODES.stringNode("10.30.0." + random.nextInt(300));
      case 10 -> NODES.stringNode("99999:99999/sctp");
      default -> NODES.objectNode();
    };
  }

  private static JsonNode randomJson(Random random, int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return randomValue(random);
    }
    ObjectNode o = NODES.objectNode();
    for (int i = random.nextInt(4); i >= 0; i--) {
      String[] keys = {
        "name", "password", "member", "roles", "email", "oldPassword", "newPassword", "x"
      };
      o.set(keys[random.nextInt(keys.length)], randomJson(random, depth - 1));
    }
    return o;
  }

  /** Cut, spliced or byte-garbled JSON text. */
  private static String junk(Random random, String text) {
    StringBuilder s = new StringBuilder(text);
    switch (random.nextInt(4)) {
      case 0 -> s.setLength(random.nextInt(Math.max(1, s.length())));
      case 1 -> s.insert(random.nextInt(s.length() + 1), "{[\",:}]".charAt(random.nextInt(7)));
      case 2 -> s.replace(0, s.length(), "\u0000\uFFFF" + random.nextLong());
      default -> s.append("garbage");
    }
    return s.toString();
  }

  private static String login(Random random) {
    ObjectNode body = NODES.objectNode();
    body.set(
        "username",
        random.nextBoolean() ? NODES.stringNode(unique("nobody")) : randomValue(random));
    body.set("password", randomValue(random));
    if (random.nextBoolean()) {
      body.set("organization_name", randomValue(random));
    }
    return random.nextInt(4) == 0 ? junk(random, body.toString()) : body.toString();
  }
}
