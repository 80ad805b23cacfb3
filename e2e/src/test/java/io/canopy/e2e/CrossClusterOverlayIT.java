package io.canopy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.Commands;
import io.canopy.testsupport.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The overlay across clusters (issue 5, "the root relays instances of other clusters"): one root,
 * two clusters, each with one node engine whose net manager lives in a network namespace of its own
 * ({@link WorkerNamespaces}: two "machines" joined by a veth underlay). A client container in
 * cluster xa reaches, by its service IP, a service whose only instance runs in cluster xb: the
 * clusters report their overlay to the root, the root relays it, and each cluster puts the other's
 * instance and worker into its worker's table, so the VXLAN tunnel goes straight from machine to
 * machine. Requests are made from inside the client container only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossClusterOverlayIT {
  private static final Duration SETTLE = Duration.ofSeconds(120);
  private static final String RR_IP = "10.30.88.8";

  @TempDir static Path work;
  private WorkerNamespaces machines;
  private CanopyStack stack;
  private RootApi api;
  private String webId;
  private String clientId;

  @BeforeAll
  void startEverything() {
    TestImages.busybox();
    machines = new WorkerNamespaces();
    stack =
        new CanopyStack(work)
            // relay at once instead of waiting for clusters after a root start: measured below
            .startRoot("--canopy.clusters.relay-settle=0s")
            .startCluster("xa")
            .startWorker("xa1", overlayFlags(machines.a, WorkerNamespaces.UNDERLAY_A))
            .startCluster("xb")
            .startWorker("xb1", overlayFlags(machines.b, WorkerNamespaces.UNDERLAY_B));
    api = stack.api();
    String sla =
        Slas.application(
            "crossing",
            Slas.service(
                "web",
                Slas.httpdCmd("$(hostname)"),
                32,
                "",
                false,
                "\"addresses\": {\"rr_ip\": \""
                    + RR_IP
                    + "\"},"
                    + " \"constraints\": [{\"type\": \"direct\", \"cluster\": \"xb\"}]"),
            Slas.service(
                "client",
                Slas.sleeperCmd(),
                16,
                "",
                false,
                "\"constraints\": [{\"type\": \"direct\", \"cluster\": \"xa\"}]"));
    String appId = api.registerApplications(sla).getFirst();
    webId = api.serviceId(appId, "web");
    clientId = api.serviceId(appId, "client");
  }

  private static List<String> overlayFlags(String namespace, String underlay) {
    return List.of(
        "--net-manager=embedded", "--net-namespace=" + namespace, "--underlay-address=" + underlay);
  }

  @AfterAll
  void stopEverything() {
    try {
      if (stack != null) {
        stack.closeAndRemoveContainers();
      }
    } finally {
      if (machines != null) {
        machines.close();
      }
    }
  }

  @Test
  void aClientReachesAServiceWhoseOnlyInstanceRunsInAnotherClusterByItsServiceIp() {
    api.deployInstance(webId).expect(201);
    api.deployInstance(clientId).expect(201);
    JsonNode web = awaitAddressed(webId, "web");
    JsonNode client = awaitAddressed(clientId, "client");
    long running = System.nanoTime();
    assertThat(web.path("worker_name").asString()).isEqualTo("xb1");
    assertThat(client.path("worker_name").asString()).isEqualTo("xa1");
    String webIp = web.path("instance_ip").asString();
    String webHost = web.path("runtime_id").asString().substring(0, 12);

    String answer = awaitAnswer(client.path("runtime_id").asString());
    double firstAnswerMs = (System.nanoTime() - running) / 1e6;
    System.out.printf(
        "cross-cluster: %s (only instance %s in cluster xb) answered a client in cluster xa %.0f ms"
            + " after the test saw both RUNNING with addresses%n",
        RR_IP, webIp, firstAnswerMs);

    assertThat(answer).isEqualTo(webHost);
    // xa1's own table has xb1's instance behind the service IP and a route through the tunnel
    String map = "be_" + RR_IP.replace('.', '_');
    assertThat(WorkerNamespaces.in(machines.a, "nft", "list", "map", "ip", "canopy", map))
        .contains(webIp);
    assertThat(WorkerNamespaces.in(machines.a, "ip", "route", "show", "dev", "canopy-vx"))
        .contains(subnetOf(web));

    // Undeployed in xb, the instance leaves xa's rotation too.
    long start = System.nanoTime();
    api.undeployInstance(webId, web.path("instance_number").asInt()).expect(200);
    assertThat(WorkerNamespaces.awaitOutOfMap(machines.a, RR_IP, webIp, SETTLE))
        .as(() -> webIp + " left the map of " + RR_IP + " in cluster xa" + stack.logs())
        .isTrue();
    double outOfRotationMs = (System.nanoTime() - start) / 1e6;
    assertThat(Docker.awaitInstanceGone(web.path("instance_id").asString(), SETTLE)).isTrue();
    double containerGoneMs = (System.nanoTime() - start) / 1e6;
    System.out.printf(
        "cross-cluster undeploy of %s: out of cluster xa's rotation after %.0f ms, its container"
            + " in xb removed after %.0f ms%n",
        webIp, outOfRotationMs, containerGoneMs);
  }

  // ---- helpers

  private JsonNode awaitAddressed(String serviceId, String name) {
    try {
      return api.awaitAddressed(serviceId, 1, SETTLE, name).getFirst();
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + stack.logs(), e);
    }
  }

  /** GETs the service IP from inside the client container until it answers. */
  private String awaitAnswer(String container) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      // busybox wget crashes on its own -T timeout: bound it with timeout instead
      Commands.Result result =
          Commands.run(
              List.of(
                  TestImages.requireDocker(),
                  "exec",
                  container,
                  "sh",
                  "-c",
                  "timeout 2 wget -q -O - http://" + RR_IP + "/"),
              20);
      last = result.output().strip();
      if (result.ok() && !last.isEmpty()) {
        return last;
      }
      TierProcess.sleep(100);
    }
    throw new AssertionError(
        RR_IP + " never answered from cluster xa; last: " + last + stack.logs());
  }

  /** The subnet the root granted to the worker of this instance, from its cluster's workers. */
  private String subnetOf(JsonNode instance) {
    String clusterId = instance.path("cluster_id").asString();
    List<String> subnets = new ArrayList<>();
    for (JsonNode w : api.workers(clusterId)) {
      subnets.add(w.path("subnet").asString());
    }
    assertThat(subnets).hasSize(1);
    return subnets.getFirst();
  }
}
