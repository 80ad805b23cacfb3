package io.canopy.root.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.root.instance.InstanceStore;
import io.canopy.root.service.ServiceStore;
import io.canopy.root.support.RootIT;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

class ApplicationIT extends RootIT {
  private static final Path FIXTURES = Path.of("/work/shared/oakestra-sla-fixtures");

  @Autowired ApplicationStore applications;
  @Autowired ServiceStore services;
  @Autowired InstanceStore instances;

  @Test
  void registersAnSlaAndListsItInOakestrasShapes() {
    String token = newUser(unique("u"));
    String app = unique("a");
    MvcResult created = postAs(token, "/api/application/", sla(app, "web", "db"));
    assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(201);
    JsonNode first = json(created).get(0);
    String appId = first.get("_id").get("$oid").asString();
    assertThat(appId).matches("[0-9a-f]{24}");
    assertThat(first.get("application_name").asString()).isEqualTo(app);
    assertThat(first.get("microservices")).hasSize(2);

    JsonNode listed = json(getAs(token, "/api/applications/"));
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("_id").get("$oid").asString()).isEqualTo(appId);
    assertThat(listed.get(0).get("userId").asString()).matches("[0-9a-f]{24}");

    JsonNode svcs = json(getAs(token, "/api/services/" + appId));
    assertThat(svcs).hasSize(2);
    JsonNode web = svcs.get(0);
    assertThat(web.get("microservice_name").asString()).isEqualTo("web");
    assertThat(web.get("job_name").asString()).isEqualTo(app + ".test.web.test");
    assertThat(web.get("service_ip").asString()).startsWith("10.30.");
    assertThat(web.get("status").asString()).isEqualTo("CREATED");
    assertThat(web.get("instance_list")).isEmpty();
    assertThat(svcs.get(1).get("service_ip").asString())
        .isNotEqualTo(web.get("service_ip").asString());

    String serviceId = web.get("_id").get("$oid").asString();
    JsonNode one = json(getAs(token, "/api/service/" + serviceId));
    assertThat(one.get("code").asString()).isEqualTo("docker.io/library/nginx:latest");
    assertThat(one.get("microserviceID").asString()).isEqualTo(serviceId);

    JsonNode appJson = json(getAs(token, "/api/application/" + appId));
    assertThat(appJson.get("application_namespace").asString()).isEqualTo("test");
  }

  @Test
  void acceptsOakestrasValidFixturesAndRefusesItsFlawedOnes() throws Exception {
    String token = newUser(unique("u"));
    for (String ok : new String[] {"sla_correct_2.json", "sla_correct_3.json"}) {
      // Both fixtures use the same names: each goes to its own user.
      String user = newUser(unique("f"));
      MvcResult r = postAs(user, "/api/application/", Files.readString(FIXTURES.resolve(ok)));
      assertThat(r.getResponse().getStatus()).as(ok + ": " + body(r)).isEqualTo(201);
      deleteAs(user, "/api/application/" + json(r).get(0).get("_id").get("$oid").asString());
    }
    MvcResult empty =
        postAs(
            token, "/api/application/", Files.readString(FIXTURES.resolve("sla_correct_4.json")));
    assertThat(empty.getResponse().getStatus()).as(body(empty)).isEqualTo(201);

    long apps = applications.count();
    for (int i = 1; i <= 5; i++) {
      String name = "sla_flawed_" + i + ".json";
      MvcResult r = postAs(token, "/api/application/", Files.readString(FIXTURES.resolve(name)));
      assertThat(r.getResponse().getStatus()).as(name + ": " + body(r)).isEqualTo(422);
      assertThat(r.getResponse().getContentType()).isEqualTo("application/problem+json");
      JsonNode problem = json(r);
      assertThat(problem.get("type").asString())
          .isEqualTo("https://canopy.io/problems/invalid-sla");
      assertThat(problem.get("errors")).isNotEmpty();
      assertThat(problem.get("errors").get(0).get("field").asString()).startsWith("$");
    }
    // Oakestra accepts this one, but its rr_ip is outside 10.30.0.0/16 and its code is a URL.
    MvcResult one =
        postAs(
            token, "/api/application/", Files.readString(FIXTURES.resolve("sla_correct_1.json")));
    assertThat(one.getResponse().getStatus()).isEqualTo(422);
    assertThat(applications.count()).isEqualTo(apps);
  }

  @Test
  void malformedJsonIs400AndDuplicatesAre409WithNothingStored() {
    String token = newUser(unique("u"));
    String app = unique("a");
    assertThat(postAs(token, "/api/application/", sla(app, "s1")).getResponse().getStatus())
        .isEqualTo(201);
    long apps = applications.count();
    long svcs = services.count();

    MvcResult malformed = postAs(token, "/api/application/", "{\"sla_version\": ");
    assertThat(malformed.getResponse().getStatus()).isEqualTo(400);
    assertThat(json(malformed).get("type").asString())
        .isEqualTo("https://canopy.io/problems/malformed-json");

    MvcResult duplicate = postAs(token, "/api/application/", sla(app, "other"));
    assertThat(duplicate.getResponse().getStatus()).isEqualTo(409);
    assertThat(json(duplicate).get("field").asString())
        .isEqualTo("$.applications[0].application_name");

    // A fresh application next to one that exists: 409, and the fresh one is not stored either.
    String two =
        """
        {"sla_version": "v2.0", "customerID": "x", "applications": [
          {"application_name": "%s", "application_namespace": "test", "microservices": [%s]},
          {"application_name": "%s", "application_namespace": "test", "microservices": [%s]}]}
        """
            .formatted(unique("b"), service("fresh", null), app, service("other", null));
    MvcResult clash = postAs(token, "/api/application/", two);
    assertThat(clash.getResponse().getStatus()).isEqualTo(409);
    assertThat(json(clash).get("field").asString()).isEqualTo("$.applications[1].application_name");
    assertThat(applications.count()).isEqualTo(apps);
    assertThat(services.count()).isEqualTo(svcs);
  }

  @Test
  void honoursRrIpWhenFreeRefusesItNamingTheHolderAndFreesItOnDelete() {
    String token = newUser(unique("u"));
    String ip = "10.30.200." + (1 + (int) (Math.random() * 250));
    String first = unique("a");
    MvcResult ok = postAs(token, "/api/application/", appWith(first, service("svc", ip)));
    assertThat(ok.getResponse().getStatus()).as(body(ok)).isEqualTo(201);
    String appId = json(ok).get(0).get("_id").get("$oid").asString();
    JsonNode svc = json(getAs(token, "/api/services/" + appId)).get(0);
    assertThat(svc.get("service_ip").asString()).isEqualTo(ip);

    long svcs = services.count();
    MvcResult taken = postAs(token, "/api/application/", appWith(unique("a"), service("svc", ip)));
    assertThat(taken.getResponse().getStatus()).isEqualTo(409);
    JsonNode problem = json(taken);
    assertThat(problem.get("type").asString())
        .isEqualTo("https://canopy.io/problems/address-taken");
    assertThat(problem.get("holder").asString()).isEqualTo(first + ".test.svc.test");
    assertThat(problem.get("field").asString())
        .isEqualTo("$.applications[0].microservices[0].addresses.rr_ip");
    assertThat(services.count()).isEqualTo(svcs);

    MvcResult outside =
        postAs(token, "/api/application/", appWith(unique("a"), service("svc", "10.31.0.1")));
    assertThat(outside.getResponse().getStatus()).isEqualTo(422);

    assertThat(deleteAs(token, "/api/application/" + appId).getResponse().getStatus())
        .isEqualTo(200);
    assertThat(getAs(token, "/api/application/" + appId).getResponse().getStatus()).isEqualTo(404);
    MvcResult again = postAs(token, "/api/application/", appWith(unique("a"), service("svc", ip)));
    assertThat(again.getResponse().getStatus()).as(body(again)).isEqualTo(201);
  }

  @Test
  void addsUpdatesAndDeletesServices() {
    String token = newUser(unique("u"));
    String app = unique("a");
    String appId =
        json(postAs(token, "/api/application/", sla(app, "first")))
            .get(0)
            .get("_id")
            .get("$oid")
            .asString();
    String add =
        """
        {"sla_version": "v2.0", "customerID": "x", "applications": [
          {"applicationID": "%s", "application_name": "%s", "application_namespace": "test",
           "microservices": [%s]}]}
        """
            .formatted(appId, app, service("second", null));
    MvcResult added = postAs(token, "/api/service/", add);
    assertThat(added.getResponse().getStatus()).as(body(added)).isEqualTo(201);
    String secondId = json(added).get("job_id").asString();
    assertThat(json(added).get("deployed_services")).hasSize(1);
    assertThat(json(getAs(token, "/api/application/" + appId)).get("microservices")).hasSize(2);

    String update =
        """
        {"microservice_name": "second", "microservice_namespace": "test",
         "virtualization": "container", "code": "docker.io/library/nginx:1.27", "memory": 200,
         "vcpus": 1}
        """;
    MvcResult updated = putAs(token, "/api/service/" + secondId, update);
    assertThat(updated.getResponse().getStatus()).as(body(updated)).isEqualTo(200);
    assertThat(json(updated).get("code").asString()).isEqualTo("docker.io/library/nginx:1.27");
    assertThat(json(updated).get("revision").asInt()).isEqualTo(1);

    MvcResult renamed =
        putAs(token, "/api/service/" + secondId, update.replace("\"second\"", "\"third\""));
    assertThat(renamed.getResponse().getStatus()).isEqualTo(422);

    assertThat(deleteAs(token, "/api/service/" + secondId).getResponse().getStatus())
        .isEqualTo(200);
    assertThat(getAs(token, "/api/service/" + secondId).getResponse().getStatus()).isEqualTo(404);
    assertThat(json(getAs(token, "/api/application/" + appId)).get("microservices")).hasSize(1);

    MvcResult desc =
        putAs(token, "/api/application/" + appId, "{\"application_desc\": \"new words\"}");
    assertThat(json(desc).get("application_desc").asString()).isEqualTo("new words");
    MvcResult rename = putAs(token, "/api/application/" + appId, "{\"application_name\": \"x\"}");
    assertThat(rename.getResponse().getStatus()).isEqualTo(409);
  }

  @Test
  void unknownIdsAre404() {
    String token = newUser(unique("u"));
    assertThat(getAs(token, "/api/application/0123456789abcdef01234567").getResponse().getStatus())
        .isEqualTo(404);
    assertThat(getAs(token, "/api/service/not-an-id").getResponse().getStatus()).isEqualTo(404);
    assertThat(
            postAs(token, "/api/service/0123456789abcdef01234567/instance", "{}")
                .getResponse()
                .getStatus())
        .isEqualTo(404);
  }

  static String appWith(String app, String service) {
    return """
        {"sla_version": "v2.0", "customerID": "x", "applications": [
          {"application_name": "%s", "application_namespace": "test", "microservices": [%s]}]}
        """
        .formatted(app, service);
  }

  static String service(String name, String rrIp) {
    String addresses = rrIp == null ? "" : ", \"addresses\": {\"rr_ip\": \"" + rrIp + "\"}";
    return """
        {"microservice_name": "%s", "microservice_namespace": "test",
         "virtualization": "container", "code": "docker.io/library/nginx:latest", "memory": 64,
         "vcpus": 0.5%s}
        """
        .formatted(name, addresses);
  }
}
