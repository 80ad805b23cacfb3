package io.canopy.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** The root's REST API as a user's script calls it (Oakestra's paths and shapes). */
public final class RootApi {
  private final String url;
  private final String token;

  private RootApi(String url, String token) {
    this.url = url;
    this.token = token;
  }

  static RootApi login(String url, String user, String password) {
    JsonNode body =
        Http.call(
                "POST",
                url + "/api/auth/login",
                null,
                Map.of("username", user, "password", password))
            .expect(200)
            .body();
    return new RootApi(url, body.get("token").asString());
  }

  String createClusterToken() {
    return Http.call("POST", url + "/api/clusters/tokens", token, Map.of())
        .expect(201)
        .body()
        .get("token")
        .asString();
  }

  /** Every registered cluster, as {@code GET /api/clusters} lists them. */
  List<JsonNode> clusters() {
    List<JsonNode> out = new ArrayList<>();
    Http.call("GET", url + "/api/clusters", token, null).expect(200).body().forEach(out::add);
    return out;
  }

  /** A cluster's workers as it last reported them (runtimes, arch, resources). */
  List<JsonNode> workers(String clusterId) {
    List<JsonNode> out = new ArrayList<>();
    Http.call("GET", url + "/api/clusters/" + clusterId + "/workers", token, null)
        .expect(200)
        .body()
        .forEach(out::add);
    return out;
  }

  /** Registers an SLA's applications; returns the application ids. */
  public List<String> registerApplications(String sla) {
    Http.Response response = Http.call("POST", url + "/api/application/", token, sla).expect(201);
    List<String> ids = new ArrayList<>();
    for (JsonNode app : list(response.body())) {
      ids.add(oid(app));
    }
    return ids;
  }

  /** The service ids of an application, by microservice name. */
  public String serviceId(String appId, String microserviceName) {
    for (JsonNode service :
        Http.call("GET", url + "/api/services/" + appId, token, null).expect(200).body()) {
      if (microserviceName.equals(service.get("microservice_name").asString())) {
        return oid(service);
      }
    }
    throw new AssertionError("no service " + microserviceName + " in application " + appId);
  }

  /** Any GET of the API, e.g. {@code /api/clusters/}; fails unless it answers 200. */
  JsonNode get(String path) {
    return Http.call("GET", url + path, token, null).expect(200).body();
  }

  public Http.Response deployInstance(String serviceId) {
    return Http.call("POST", url + "/api/service/" + serviceId + "/instance", token, Map.of());
  }

  Http.Response undeployInstance(String serviceId, int instanceNumber) {
    return Http.call(
        "DELETE", url + "/api/service/" + serviceId + "/instance/" + instanceNumber, token, null);
  }

  public Http.Response deleteApplication(String appId) {
    return Http.call("DELETE", url + "/api/application/" + appId, token, null);
  }

  JsonNode service(String serviceId) {
    return Http.call("GET", url + "/api/service/" + serviceId, token, null).expect(200).body();
  }

  List<JsonNode> instances(String serviceId) {
    List<JsonNode> instances = new ArrayList<>();
    service(serviceId).path("instance_list").forEach(instances::add);
    return instances;
  }

  List<String> logs(String serviceId, int instanceNumber, int lines) {
    JsonNode body =
        Http.call(
                "GET",
                url
                    + "/api/service/"
                    + serviceId
                    + "/instance/"
                    + instanceNumber
                    + "/logs?lines="
                    + lines,
                token,
                null)
            .expect(200)
            .body();
    List<String> out = new ArrayList<>();
    body.path("lines").forEach(line -> out.add(line.asString()));
    return out;
  }

  /** Polls the service until its instances satisfy {@code condition}; returns them. */
  public List<JsonNode> awaitInstances(
      String serviceId, Predicate<List<JsonNode>> condition, Duration timeout, String what) {
    Instant deadline = Instant.now().plus(timeout);
    List<JsonNode> last = List.of();
    while (Instant.now().isBefore(deadline)) {
      last = instances(serviceId);
      if (condition.test(last)) {
        return last;
      }
      TierProcess.sleep(100);
    }
    throw new AssertionError(
        "timed out after " + timeout + " waiting for " + what + "; last: " + last);
  }

  /**
   * Waits until at least {@code count} instances of the service are RUNNING with an instance IP
   * (the overlay addressed them); returns those.
   */
  public List<JsonNode> awaitAddressed(String serviceId, int count, Duration timeout, String what) {
    return awaitInstances(
            serviceId,
            list -> addressed(list).size() >= count,
            timeout,
            count + " RUNNING instance(s) of " + what + " with an instance IP")
        .stream()
        .filter(RootApi::runningWithAddress)
        .toList();
  }

  private static List<JsonNode> addressed(List<JsonNode> instances) {
    return instances.stream().filter(RootApi::runningWithAddress).toList();
  }

  private static boolean runningWithAddress(JsonNode instance) {
    return "RUNNING".equals(status(instance))
        && !instance.path("instance_ip").asString("").isEmpty();
  }

  public static String status(JsonNode instance) {
    return instance.path("status").asString();
  }

  public static long count(List<JsonNode> instances, String status) {
    return instances.stream().filter(i -> status.equals(status(i))).count();
  }

  static String oid(JsonNode document) {
    JsonNode id = document.get("_id");
    return id.isObject() ? id.get("$oid").asString() : id.asString();
  }

  private static List<JsonNode> list(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(out::add);
    } else if (node.has("applications")) {
      node.get("applications").forEach(out::add);
    } else {
      out.add(node);
    }
    return out;
  }
}
