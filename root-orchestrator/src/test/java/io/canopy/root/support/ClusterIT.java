package io.canopy.root.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.canopy.wire.ResourceClass;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.ClusterResources;
import io.canopy.wire.cluster.RootCommand;
import io.canopy.wire.cluster.WorkerSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Tests that play clusters on the channel: registration, connecting, deployable services. */
public abstract class ClusterIT extends RootIT {

  /** A cluster the root registered. */
  protected record Registered(String id, String credential, String name) {}

  protected Registered register(String name) {
    MvcResult token = postAs(adminToken(), "/api/clusters/tokens", "");
    assertThat(token.getResponse().getStatus()).isEqualTo(201);
    String t = json(token).get("token").asString();
    MvcResult r =
        call(
            post("/api/clusters/register")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"cluster_name\":\"%s\",\"location\":\"48.14,11.58\",\"token\":\"%s\"}"
                        .formatted(name, t)));
    assertThat(r.getResponse().getStatus()).as(body(r)).isEqualTo(201);
    return new Registered(
        json(r).get("cluster_id").asString(), json(r).get("credential").asString(), name);
  }

  /** Connects, syncs with an empty cluster and reports the given free memory. */
  protected TestCluster connect(Registered c, long freeMemoryMb) {
    TestCluster cluster = TestCluster.connect(port, c.credential());
    cluster.send(new ClusterMessage.SyncRequest(List.of()));
    RootCommand.DesiredState desired = cluster.next(RootCommand.DesiredState.class);
    assertThat(desired.instances()).isEmpty();
    cluster.send(new ClusterMessage.Ack(desired.commandId()));
    cluster.send(new ClusterMessage.Resources(resources(freeMemoryMb)));
    awaitJson(adminToken(), "/api/clusters/active", list -> names(list).contains(c.name()));
    return cluster;
  }

  protected static ClusterResources resources(long freeMemoryMb) {
    return new ClusterResources(
        1,
        1,
        12.5,
        4,
        8192,
        freeMemoryMb,
        0,
        List.of(
            new ResourceClass(
                "amd64", "container", 1, 4, 3, 8192, freeMemoryMb, 0, 0, 3, freeMemoryMb, 0)),
        List.of(
            new WorkerSummary(
                "node-1",
                "worker-1",
                "amd64",
                List.of("container"),
                4,
                12.5,
                8192,
                freeMemoryMb,
                "10.18.0.0/26",
                "127.0.0.1",
                true,
                Instant.now())));
  }

  /** An application whose one service may run only on the named cluster. */
  protected String deployable(String token, String clusterName, long memory) {
    String sla =
        """
        {"sla_version": "v2.0", "customerID": "x", "applications": [
          {"application_name": "%s", "application_namespace": "test", "microservices": [
            {"microservice_name": "web", "microservice_namespace": "test",
             "virtualization": "container", "code": "canopy-test/busybox", "memory": %d,
             "vcpus": 1, "cmd": ["httpd", "-f"],
             "constraints": [{"type": "direct", "cluster": "%s"}]}]}]}
        """
            .formatted(unique("app"), memory, clusterName);
    MvcResult r = postAs(token, "/api/application/", sla);
    assertThat(r.getResponse().getStatus()).as(body(r)).isEqualTo(201);
    return json(r).get(0).get("microservices").get(0).asString();
  }

  protected JsonNode awaitJson(String token, String path, Predicate<JsonNode> until) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    JsonNode seen = null;
    while (System.nanoTime() < deadline) {
      seen = json(getAs(token, path));
      if (until.test(seen)) {
        return seen;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("GET " + path + " never matched; last: " + seen);
  }

  protected static List<String> names(JsonNode clusters) {
    List<String> out = new java.util.ArrayList<>();
    clusters.forEach(c -> out.add(c.get("cluster_name").asString()));
    return out;
  }
}
