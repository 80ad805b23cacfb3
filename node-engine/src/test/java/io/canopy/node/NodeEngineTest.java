package io.canopy.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.canopy.node.config.NodeConfig;
import io.canopy.node.instance.InstanceNetwork;
import io.canopy.node.runtime.docker.CanopyLabels;
import io.canopy.node.testing.CuttableProxy;
import io.canopy.node.testing.FakeCluster;
import io.canopy.node.testing.TestDocker;
import io.canopy.node.testing.TestSpecs;
import io.canopy.sla.PortMapping;
import io.canopy.testsupport.MosquittoServer;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.InstanceUsage;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.node.NodeCommand;
import io.canopy.wire.node.NodeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine end to end: a fake cluster (HTTP + a real Mosquitto), the real Docker engine. */
class NodeEngineTest {
  static final Duration WAIT = Duration.ofSeconds(15);
  static MosquittoServer broker;
  static String image;
  static DockerClient docker;

  @TempDir Path dataDir;
  FakeCluster cluster;
  NodeEngine engine;

  @BeforeAll
  static void parts() {
    image = TestDocker.image();
    TestDocker.removeTestContainers();
    broker = MosquittoServer.start();
    docker = TestDocker.client();
  }

  @AfterAll
  static void stopParts() throws Exception {
    TestDocker.removeTestContainers();
    docker.close();
    broker.close();
  }

  @BeforeEach
  void cluster() throws Exception {
    cluster = new FakeCluster(broker.url());
  }

  @AfterEach
  void stop() throws Exception {
    if (engine != null) {
      engine.close();
    }
    cluster.close();
  }

  NodeConfig config() {
    return new NodeConfig(
        URI.create(cluster.url()),
        FakeCluster.TOKEN,
        dataDir,
        "worker-test",
        0,
        Duration.ofMillis(500),
        TestDocker.SOCKET,
        null,
        "127.0.0.1",
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  /** Starts an engine and waits until it is online (subscribed to its commands). */
  NodeEngine startEngine() {
    NodeEngine started = NodeEngine.start(config());
    cluster.await(started.nodeId(), NodeMessage.Liveness.class, NodeMessage.Liveness::online, WAIT);
    return started;
  }

  InstanceStatus awaitState(String instanceId, InstanceState state) {
    return cluster
        .await(
            engine.nodeId(),
            NodeMessage.InstanceChanged.class,
            c -> c.status().instanceId().equals(instanceId) && c.status().state() == state,
            WAIT)
        .status();
  }

  void awaitAck(String commandId) {
    cluster.await(
        engine.nodeId(), NodeMessage.Ack.class, a -> a.commandId().equals(commandId), WAIT);
  }

  @Test
  void registersReportsRunsAnInstanceServesLogsAndStopsIt() throws Exception {
    engine = startEngine();
    String node = engine.nodeId();
    assertThat(cluster.registrations).hasSize(1);
    assertThat(cluster.registrations.getFirst().fingerprint().runtimes())
        .containsExactly("container");

    NodeMessage.Report report = cluster.await(node, NodeMessage.Report.class, r -> true, WAIT);
    assertThat(report.fingerprint().cores()).isPositive();
    assertThat(report.fingerprint().memoryTotalMb()).isPositive();
    assertThat(report.fingerprint().arch()).isIn("amd64", "arm64");
    assertThat(report.fingerprint().underlayAddress()).isEqualTo("127.0.0.1");

    InstanceSpec spec = TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, "", false, node);
    cluster.send(node, new NodeCommand.Start("c-1", spec));
    InstanceStatus running = awaitState(spec.instanceId(), InstanceState.RUNNING);
    awaitAck("c-1");
    assertThat(running.nodeId()).isEqualTo(node);
    assertThat(running.runtimeId()).isNotBlank();
    assertThat(docker.inspectContainerCmd(running.runtimeId()).exec().getConfig().getLabels())
        .containsEntry(CanopyLabels.NODE_ID, node)
        .containsEntry(CanopyLabels.INSTANCE_ID, spec.instanceId());
    cluster.await(
        node,
        NodeMessage.InstanceList.class,
        l -> l.instances().stream().anyMatch(s -> s.instanceId().equals(spec.instanceId())),
        WAIT);
    // the periodic list carries what the running container uses
    InstanceUsage usage =
        cluster
            .await(
                node,
                NodeMessage.InstanceList.class,
                l -> l.usage().stream().anyMatch(u -> u.instanceId().equals(spec.instanceId())),
                WAIT)
            .usage()
            .getFirst();
    assertThat(usage.memoryBytes()).isPositive();
    assertThat(usage.cpuPercent()).isNotNegative();
    assertThat(usage.at()).isNotNull();

    // the same Start again (a new command id) changes nothing
    cluster.send(node, new NodeCommand.Start("c-2", spec));
    awaitAck("c-2");
    assertThat(TestDocker.containersOf(docker, node)).hasSize(1);

    cluster.send(node, new NodeCommand.FetchLogs("logs-1", spec.instanceId(), 5));
    NodeMessage.LogsResult logs =
        cluster.await(
            node, NodeMessage.LogsResult.class, l -> l.requestId().equals("logs-1"), WAIT);
    assertThat(logs.lines()).containsExactly("started");
    assertThat(logs.error()).isNull();
    cluster.send(node, new NodeCommand.FetchLogs("logs-2", "nope", 5));
    NodeMessage.LogsResult none =
        cluster.await(
            node, NodeMessage.LogsResult.class, l -> l.requestId().equals("logs-2"), WAIT);
    assertThat(none.error()).isEqualTo("no instance nope on this node");

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health = get(http, "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains(node);
    // what a worker dashboard graphs; per-instance stats arrive with the next background sample
    String metrics =
        awaitMetrics(
            http,
            "canopy_node_instance_memory_bytes{instance=\"" + spec.instanceId() + "\"}",
            "canopy_node_cpu_percent ");
    assertThat(metrics)
        .contains("canopy_node_instances{state=\"RUNNING\"} 1\n")
        .contains("canopy_node_instances{state=\"FAILED\"} 0\n")
        .contains("canopy_mqtt_messages_total{direction=\"in\"} ")
        .contains("canopy_mqtt_messages_total{direction=\"out\"} ")
        .contains("canopy_mqtt_reconnects_total 0\n")
        .contains("canopy_node_memory_used_bytes ")
        .contains("canopy_node_memory_total_bytes ")
        .contains("jvm_memory_used_bytes{area=\"heap\",id=")
        .contains("jvm_memory_used_bytes{area=\"nonheap\",id=")
        .contains("process_resident_memory_bytes ")
        .doesNotContain("canopy_node_mqtt_messages_");
    assertThat(value(metrics, "canopy_mqtt_messages_total{direction=\"in\"}")).isPositive();
    assertThat(value(metrics, "canopy_mqtt_messages_total{direction=\"out\"}")).isPositive();
    assertThat(value(metrics, "canopy_node_memory_total_bytes"))
        .isGreaterThanOrEqualTo(value(metrics, "canopy_node_memory_used_bytes"))
        .isPositive();
    HttpResponse<String> missing = get(http, "/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    cluster.send(node, new NodeCommand.Stop("c-3", spec.instanceId()));
    InstanceStatus undeployed = awaitState(spec.instanceId(), InstanceState.UNDEPLOYED);
    awaitAck("c-3");
    assertThat(undeployed.runtimeId()).isEqualTo(running.runtimeId());
    assertGone(running.runtimeId());
  }

  @Test
  void reportsExitsAtOnceAndDesiredRemovesWhatIsNotListed() throws Exception {
    engine = startEngine();
    String node = engine.nodeId();
    InstanceSpec completes = TestSpecs.container(image, List.of("true"), "", true, node);
    InstanceSpec failsOnce =
        TestSpecs.container(image, List.of("sh", "-c", "exit 2"), "", true, node);
    InstanceSpec dies =
        TestSpecs.container(image, List.of("sh", "-c", "sleep 1; exit 3"), "", false, node);
    cluster.sendRaw(node, "{\"type\":\"start\", \"instance\": 42"); // garbage is ignored, not fatal
    cluster.send(node, new NodeCommand.Start("s-1", completes));
    cluster.send(node, new NodeCommand.Start("s-2", failsOnce));
    cluster.send(node, new NodeCommand.Start("s-3", dies));

    assertThat(awaitState(completes.instanceId(), InstanceState.COMPLETED).exitCode()).isZero();
    InstanceStatus failed = awaitState(failsOnce.instanceId(), InstanceState.FAILED);
    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(failed.reason()).contains("exited with code 2");
    awaitState(dies.instanceId(), InstanceState.RUNNING);
    InstanceStatus dead = awaitState(dies.instanceId(), InstanceState.DEAD);
    assertThat(dead.exitCode()).isEqualTo(3);

    // QoS 1 may deliver a command twice: the same id is acknowledged again, not re-run
    cluster.received.clear();
    cluster.send(node, new NodeCommand.Start("s-1", completes));
    awaitAck("s-1");
    assertThat(
            cluster.find(
                node,
                NodeMessage.InstanceChanged.class,
                c -> c.status().instanceId().equals(completes.instanceId())))
        .isEmpty();

    // finished instances the cluster keeps are left as they are, with their containers (logs)
    cluster.send(
        node,
        new NodeCommand.Desired(
            "d-0", List.of(dies), List.of(completes.instanceId(), failsOnce.instanceId())));
    awaitAck("d-0");
    assertThat(TestDocker.containersOf(docker, node)).hasSize(3);

    // only the dying one is still wanted: the other two are removed, the dead one is left alone
    cluster.send(node, new NodeCommand.Desired("d-1", List.of(dies)));
    awaitAck("d-1");
    awaitState(completes.instanceId(), InstanceState.UNDEPLOYED);
    awaitState(failsOnce.instanceId(), InstanceState.UNDEPLOYED);
    assertThat(TestDocker.containersOf(docker, node))
        .singleElement()
        .satisfies(c -> assertThat(c.getId()).isEqualTo(dead.runtimeId()));

    // a host port already taken is a FAILED instance with the daemon's reason
    InstanceSpec portClash =
        TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, "1:80", false, node);
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
      InstanceSpec clash =
          TestSpecs.container(
              image, TestSpecs.RUNS_UNTIL_STOPPED, taken.getLocalPort() + ":80", false, node);
      cluster.send(node, new NodeCommand.Start("s-4", clash));
      assertThat(awaitState(clash.instanceId(), InstanceState.FAILED).reason())
          .containsAnyOf("address already in use", "port is already allocated");
    }
    assertThat(portClash.service().ports()).hasSize(1);
  }

  @Test
  void aRestartedEngineReattachesWithoutRestartingAndRemovesStraysAfterDesired() throws Exception {
    engine = startEngine();
    String node = engine.nodeId();
    InstanceSpec spec = TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, "", false, node);
    cluster.send(node, new NodeCommand.Start("r-1", spec));
    String containerId = awaitState(spec.instanceId(), InstanceState.RUNNING).runtimeId();
    String startedAt = docker.inspectContainerCmd(containerId).exec().getState().getStartedAt();
    InstanceSpec endsWhileAway =
        TestSpecs.container(image, List.of("sh", "-c", "sleep 2; exit 4"), "", false, node);
    cluster.send(node, new NodeCommand.Start("r-0", endsWhileAway));
    awaitState(endsWhileAway.instanceId(), InstanceState.RUNNING);
    engine.close();
    Thread.sleep(2500); // it exits while no engine watches

    // while the engine is down, a container of this node that it never made appears
    String stray =
        docker
            .createContainerCmd(image)
            .withCmd(TestSpecs.RUNS_UNTIL_STOPPED)
            .withLabels(
                Map.of(
                    CanopyLabels.MANAGED, "true",
                    CanopyLabels.NODE_ID, node,
                    CanopyLabels.INSTANCE_ID, "stray"))
            .exec()
            .getId();
    docker.startContainerCmd(stray).exec();

    cluster.received.clear();
    engine = startEngine();
    assertThat(engine.nodeId()).isEqualTo(node);
    assertThat(cluster.registrations.getLast().nodeId()).isEqualTo(node);
    NodeMessage.InstanceList list =
        cluster.await(
            node,
            NodeMessage.InstanceList.class,
            l -> l.instances().stream().anyMatch(s -> s.instanceId().equals(spec.instanceId())),
            WAIT);
    InstanceStatus reattached =
        list.instances().stream()
            .filter(s -> s.instanceId().equals(spec.instanceId()))
            .findFirst()
            .orElseThrow();
    assertThat(reattached.state()).isEqualTo(InstanceState.RUNNING);
    assertThat(reattached.runtimeId()).isEqualTo(containerId);
    assertThat(list.instances())
        .filteredOn(s -> s.instanceId().equals(endsWhileAway.instanceId()))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.state()).isEqualTo(InstanceState.DEAD);
              assertThat(s.exitCode()).isEqualTo(4);
              assertThat(s.reason()).isEqualTo("exited with code 4 while the node engine was down");
            });
    assertThat(docker.inspectContainerCmd(containerId).exec().getState().getStartedAt())
        .isEqualTo(startedAt);

    cluster.send(node, new NodeCommand.Desired("r-2", List.of(spec)));
    awaitAck("r-2");
    assertGone(stray);
    assertThat(docker.inspectContainerCmd(containerId).exec().getState().getRunning()).isTrue();
    assertThat(docker.inspectContainerCmd(containerId).exec().getState().getStartedAt())
        .isEqualTo(startedAt);
  }

  @Test
  void theLastWillArrivesWhenTheEngineProcessIsKilled() throws Exception {
    Path log = dataDir.resolve("engine.log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--cluster-url",
                cluster.url(),
                "--join-token",
                FakeCluster.TOKEN,
                "--data-dir",
                dataDir.resolve("worker").toString(),
                "--metrics-port",
                "0",
                "--report-interval",
                "500ms")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      NodeMessage.Liveness online =
          cluster.await(
              null,
              NodeMessage.Liveness.class,
              l -> l.online() && cluster.assigned.contains(l.nodeId()),
              WAIT);
      cluster.await(online.nodeId(), NodeMessage.Report.class, r -> true, WAIT);

      process.destroyForcibly().waitFor(); // SIGKILL: no MQTT DISCONNECT is sent

      NodeMessage.Liveness will =
          cluster.await(online.nodeId(), NodeMessage.Liveness.class, l -> !l.online(), WAIT);
      assertThat(will.nodeId()).isEqualTo(online.nodeId());
    } finally {
      process.destroyForcibly();
      if (!process.isAlive() && process.exitValue() != 137) {
        System.out.println(Files.readString(log));
      }
    }
  }

  @Test
  void reconnectsByItselfAndGetsCommandsSentWhileItWasAway() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(broker.port())) {
      NodeConfig c = config();
      engine =
          NodeEngine.start(
              new NodeConfig(
                  c.clusterUrl(),
                  c.joinToken(),
                  c.dataDir(),
                  c.name(),
                  0,
                  c.reportInterval(),
                  c.dockerHost(),
                  proxy.url(),
                  c.underlayAddress(),
                  c.stopGrace(),
                  c.pullTimeout()));
      String node = engine.nodeId();
      cluster.await(node, NodeMessage.Liveness.class, NodeMessage.Liveness::online, WAIT);

      proxy.pause();
      proxy.cut();
      // the broker saw the connection drop: the last will says the worker is gone
      cluster.await(node, NodeMessage.Liveness.class, l -> !l.online(), WAIT);
      InstanceSpec spec = TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, "", false, node);
      cluster.send(node, new NodeCommand.Start("away-1", spec)); // queued in the persistent session
      cluster.received.clear();
      proxy.resume();

      cluster.await(node, NodeMessage.Liveness.class, NodeMessage.Liveness::online, WAIT);
      awaitState(spec.instanceId(), InstanceState.RUNNING);
      awaitAck("away-1");
      HttpResponse<String> metrics = get(HttpClient.newHttpClient(), "/metrics");
      assertThat(metrics.body()).contains("canopy_mqtt_reconnects_total 1\n");
    }
  }

  @Test
  void comesBackWhenTheBrokerEndsItsSession() throws Exception {
    engine = startEngine();
    String node = engine.nodeId();
    cluster.received.clear();

    // another client with the engine's id takes its session over: the broker sends the engine a
    // DISCONNECT (as it does when shutting down); the engine must come back by itself
    MqttClient intruder = new MqttClient(broker.url(), node, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    intruder.connect(options);
    intruder.disconnect();
    intruder.close();

    cluster.await(node, NodeMessage.Liveness.class, NodeMessage.Liveness::online, WAIT);
    InstanceSpec spec = TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, "", false, node);
    cluster.send(node, new NodeCommand.Start("back-1", spec));
    awaitState(spec.instanceId(), InstanceState.RUNNING);
  }

  @Test
  void callsTheNetManagerSeamWithEachWorkloadAndTable() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    InstanceNetwork recorder =
        new InstanceNetwork() {
          @Override
          public String attach(String instanceId, long pid, List<PortMapping> published) {
            calls.add("attach " + instanceId + " " + (pid > 0) + " " + published);
            return "10.18.0.2";
          }

          @Override
          public void detach(String instanceId) {
            calls.add("detach " + instanceId);
          }

          @Override
          public void apply(NetworkTable table) {
            calls.add("table " + table.subnet());
          }
        };
    engine = NodeEngine.start(config(), recorder);
    String node = engine.nodeId();
    cluster.await(node, NodeMessage.Liveness.class, NodeMessage.Liveness::online, WAIT);

    cluster.sendTable(node, new NetworkTable("10.18.0.0/26", Map.of(), Map.of()));
    cluster.sendRawTable(node, "{\"subnet\": [1, 2]}"); // a bad table is logged, nothing more
    InstanceSpec spec = TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, "", false, node);
    cluster.send(node, new NodeCommand.Start("n-1", spec));
    assertThat(awaitState(spec.instanceId(), InstanceState.RUNNING).instanceIp())
        .isEqualTo("10.18.0.2");
    cluster.send(node, new NodeCommand.Stop("n-2", spec.instanceId()));
    awaitState(spec.instanceId(), InstanceState.UNDEPLOYED);

    assertThat(calls)
        .containsExactly(
            "table 10.18.0.0/26",
            "attach " + spec.instanceId() + " true []",
            "detach " + spec.instanceId());
  }

  @Test
  void aRefusedJoinTokenIsAClearError() {
    NodeConfig bad = config();
    NodeConfig wrongToken =
        new NodeConfig(
            bad.clusterUrl(),
            "wrong",
            bad.dataDir(),
            bad.name(),
            0,
            bad.reportInterval(),
            bad.dockerHost(),
            null,
            null,
            bad.stopGrace(),
            bad.pullTimeout());
    ThrowableAssert.ThrowingCallable start = () -> NodeEngine.start(wrongToken);
    org.assertj.core.api.Assertions.assertThatThrownBy(start)
        .hasMessageContaining("refused the registration (HTTP 401)")
        .hasMessageContaining("invalid join token");
  }

  /** Scrapes /metrics until it holds every one of {@code series}; returns that scrape. */
  String awaitMetrics(HttpClient http, String... series) throws Exception {
    long end = System.nanoTime() + WAIT.toNanos();
    String body = "";
    while (System.nanoTime() < end) {
      body = get(http, "/metrics").body();
      String text = body;
      if (List.of(series).stream().allMatch(text::contains)) {
        return body;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no " + List.of(series) + " within " + WAIT + " in:\n" + body);
  }

  /** The value of one series in a scrape. */
  static double value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1));
      }
    }
    throw new AssertionError("no " + series + " in:\n" + scrape);
  }

  HttpResponse<String> get(HttpClient http, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.metricsPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void assertGone(String containerId) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try {
        docker.inspectContainerCmd(containerId).exec();
        Thread.sleep(100);
      } catch (NotFoundException gone) {
        return;
      }
    }
    throw new AssertionError("container " + containerId + " still exists");
  }
}
