package io.canopy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.FreePorts;
import io.canopy.testsupport.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The end-to-end slice (issue 4): root, one cluster and two node engines as separate processes with
 * a private Mosquitto and the real Docker engine, driven only through the root's REST API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SliceIT {
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final String NODE_LABEL = "io.canopy.node-id";

  @TempDir static Path work;
  private CanopyStack stack;
  private RootApi api;
  private final Map<String, String> services = new HashMap<>();
  private String appId;
  private int webPort;

  @BeforeAll
  void startEverything() {
    TestImages.busybox();
    stack = new CanopyStack(work).startRoot().startCluster("site1");
    stack.startWorker("w1").startWorker("w2");
    stack.nodeIds(); // remembered: the checks below look only at these workers' containers
    api = stack.api();
    webPort = FreePorts.next();
    String sla =
        Slas.application(
            "slice",
            Slas.service("web", Slas.httpdCmd("hello-canopy"), 64, webPort + ":80", false),
            Slas.service("spread", Slas.sleeperCmd(), 32, "", false),
            Slas.service("once", Slas.exitCmd(0), 16, "", true),
            Slas.service("broken", Slas.exitCmd(1), 16, "", true),
            Slas.service("huge", Slas.sleeperCmd(), 64L * 1024 * 1024, "", false));
    appId = api.registerApplications(sla).getFirst();
    for (String name : List.of("web", "spread", "once", "broken", "huge")) {
      services.put(name, api.serviceId(appId, name));
    }
  }

  @AfterAll
  void stopEverything() {
    if (stack != null) {
      stack.closeAndRemoveContainers();
    }
  }

  @Test
  @Order(1)
  void aServiceWithAHostPortRunsAndAnswersOnThatPort() throws Exception {
    api.deployInstance(services.get("web")).expect(201);
    awaitRunning("web", 1);
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body().strip()).isEqualTo("hello-canopy");
    assertThat(api.logs(services.get("web"), 0, 10)).contains("serving hello-canopy");

    // what the worker measured of it reaches the root: Oakestra's usage histories fill up
    JsonNode web =
        api.awaitInstances(
                services.get("web"),
                list -> list.getFirst().path("memory_history").size() >= 2,
                SETTLE,
                "usage samples of the web instance")
            .getFirst();
    JsonNode memory = web.path("memory_history").get(web.path("memory_history").size() - 1);
    JsonNode cpu = web.path("cpu_history").get(web.path("cpu_history").size() - 1);
    System.out.printf(
        "web instance usage: %s MB, %s %% CPU (%d samples)%n",
        memory.path("value").asDouble(),
        cpu.path("value").asDouble(),
        web.path("memory_history").size());
    assertThat(memory.path("value").asDouble()).isPositive().isLessThan(64);
    assertThat(cpu.path("value").asDouble()).isNotNegative();
    assertThat(Instant.parse(memory.path("timestamp").asString()))
        .isAfter(Instant.now().minusSeconds(60));
  }

  @Test
  @Order(2)
  void threeInstancesSpreadOverBothWorkers() {
    for (int i = 0; i < 3; i++) {
      api.deployInstance(services.get("spread")).expect(201);
    }
    List<JsonNode> running = awaitRunning("spread", 3);
    Set<String> nodes =
        running.stream().map(i -> i.path("worker_id").asString()).collect(Collectors.toSet());
    assertThat(nodes).as("workers used by %s", running).hasSize(2);
  }

  @Test
  @Order(3)
  void aOneShotServiceCompletesAndAFailingOneFailsWithItsExitCode() {
    api.deployInstance(services.get("once")).expect(201);
    api.deployInstance(services.get("broken")).expect(201);
    api.awaitInstances(
        services.get("once"),
        list -> RootApi.count(list, "COMPLETED") == 1,
        SETTLE,
        "the one-shot instance to complete");
    List<JsonNode> broken =
        api.awaitInstances(
            services.get("broken"),
            list -> RootApi.count(list, "FAILED") == 1,
            SETTLE,
            "the failing instance to fail");
    assertThat(broken.getFirst().path("exit_code").asInt()).isEqualTo(1);
  }

  @Test
  @Order(4)
  void aServiceLargerThanAnyWorkerIsUnschedulableWithReasons() {
    api.deployInstance(services.get("huge"));
    List<JsonNode> huge =
        api.awaitInstances(
            services.get("huge"),
            list ->
                !list.isEmpty()
                    && Set.of("NO_WORKER_CAPACITY", "NO_ACTIVE_CLUSTER_WITH_CAPACITY")
                        .contains(RootApi.status(list.getFirst())),
            SETTLE,
            "the huge instance to be unschedulable");
    assertThat(huge.getFirst().path("rejections").size()).isGreaterThan(0);
    assertThat(huge.getFirst().path("rejections").toString()).contains("memory");
  }

  @Test
  @Order(5)
  void restartingTheClusterLosesNothingAndRestartsNoContainer() {
    Map<String, String> before = startTimesOfRunningContainers();
    stack.restartCluster("site1");
    awaitRunning("spread", 3);
    awaitRunning("web", 1);
    TierProcess.sleep(3000);
    assertThat(startTimesOfRunningContainers()).isEqualTo(before);
  }

  @Test
  @Order(6)
  void restartingANodeEngineKeepsItsContainersRunning() {
    Map<String, String> before = startTimesOfRunningContainers();
    stack.worker("w1").stop();
    stack.startWorker("w1");
    TierProcess.sleep(3000);
    awaitRunning("spread", 3);
    assertThat(startTimesOfRunningContainers()).isEqualTo(before);
  }

  @Test
  @Order(7)
  void aLostWorkersInstancesRunAgainOnTheOtherWorker() {
    List<JsonNode> spread = awaitRunning("spread", 3);
    String lostNode = spread.getFirst().path("worker_id").asString();
    String lostName =
        spread.stream()
            .filter(i -> lostNode.equals(i.path("worker_id").asString()))
            .map(i -> i.path("worker_name").asString())
            .findFirst()
            .orElseThrow();
    long start = System.nanoTime();
    stack.worker(lostName).kill();
    Docker.removeForcibly(Docker.containersWithLabel("io.canopy.node-id", lostNode));
    List<JsonNode> after =
        api.awaitInstances(
            services.get("spread"),
            list ->
                RootApi.count(list, "RUNNING") == 3
                    && list.stream()
                        .filter(i -> "RUNNING".equals(RootApi.status(i)))
                        .noneMatch(i -> lostNode.equals(i.path("worker_id").asString())),
            SETTLE,
            "the lost worker's instances to run elsewhere");
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("worker-loss recovery: %.2f s (kill → all RUNNING elsewhere)%n", seconds);
    assertThat(after).isNotEmpty();
  }

  @Test
  @Order(8)
  void deletingTheApplicationLeavesNoCanopyContainer() {
    api.deleteApplication(appId).expect(200);
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline && !ourContainers().isEmpty()) {
      TierProcess.sleep(200);
    }
    assertThat(ourContainers()).isEmpty();
  }

  private List<JsonNode> awaitRunning(String service, int count) {
    try {
      return api.awaitInstances(
          services.get(service),
          list -> RootApi.count(list, "RUNNING") == count,
          SETTLE,
          count + " RUNNING instances of " + service);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + stack.logs(), e);
    }
  }

  /** Containers of this stack's workers (other tests may share the Docker engine). */
  private List<String> ourContainers() {
    List<String> ids = new java.util.ArrayList<>();
    for (String node : stack == null ? Set.<String>of() : stack.nodeIds()) {
      ids.addAll(Docker.containersWithLabel(NODE_LABEL, node));
    }
    return ids;
  }

  private Map<String, String> startTimesOfRunningContainers() {
    Map<String, String> times = new HashMap<>();
    for (String id : ourContainers()) {
      times.put(id, Docker.startedAt(id));
    }
    return times;
  }
}
