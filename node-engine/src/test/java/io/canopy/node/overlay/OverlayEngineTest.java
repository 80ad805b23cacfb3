package io.canopy.node.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import io.canopy.net.NetManager;
import io.canopy.net.NetManagerConfig;
import io.canopy.net.PublishedPort;
import io.canopy.net.server.NetSocketServer;
import io.canopy.node.NodeEngine;
import io.canopy.node.config.NetworkSettings;
import io.canopy.node.config.NodeConfig;
import io.canopy.node.instance.InstanceNetwork;
import io.canopy.node.testing.FakeCluster;
import io.canopy.node.testing.TestDocker;
import io.canopy.node.testing.TestSpecs;
import io.canopy.testsupport.Commands;
import io.canopy.testsupport.MosquittoServer;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.ServiceInstance;
import io.canopy.wire.node.NodeCommand;
import io.canopy.wire.node.NodeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with the embedded net manager, as root: real containers (network mode none) wired into
 * a worker that lives in a network namespace this test makes, so every overlay packet stays inside
 * it and the containers. The cluster is faked: the test sends the tables itself.
 */
class OverlayEngineTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String SUBNET = "10.18.0.0/26";
  static final String SERVICE = "10.30.0.1";
  static final String HTTPD =
      "trap 'exit 0' TERM; echo %s > /www/index.html; httpd -f -p 80 -h /www & wait";
  static MosquittoServer broker;
  static String image;
  static DockerClient docker;

  @TempDir Path dataDir;
  String worker;
  FakeCluster cluster;
  NodeEngine engine;

  @BeforeAll
  static void parts() {
    requireRoot();
    image = TestDocker.image();
    TestDocker.removeTestContainers();
    broker = MosquittoServer.start();
    docker = TestDocker.client();
  }

  @AfterAll
  static void stopParts() throws Exception {
    if (docker != null) {
      TestDocker.removeTestContainers();
      docker.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @BeforeEach
  void workerNamespace() throws Exception {
    worker = "cne" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    sh("ip", "netns", "add", worker);
    sh("ip", "-n", worker, "link", "set", "lo", "up");
    cluster = new FakeCluster(broker.url());
  }

  @AfterEach
  void removeAll() throws Exception {
    if (engine != null) {
      engine.close();
    }
    cluster.close();
    TestDocker.removeTestContainers();
    new NetManager(NetManagerConfig.defaults().withWorkerNamespace(worker)).cleanup();
    Commands.run(List.of("ip", "netns", "del", worker), 10);
  }

  @Test
  void containersGetAddressesFromTheSubnetAndServiceIpsAndHostPortsReachThem() throws Exception {
    engine = NodeEngine.start(config(), overlay());
    String node = online();

    // started before the worker knows its subnet: no address yet, one as soon as the table comes
    InstanceSpec a = httpd("a", "8080:80", node);
    cluster.send(node, new NodeCommand.Start("c-a", a));
    InstanceStatus aRunning = awaitRunning(a);
    assertThat(aRunning.instanceIp()).isNull();
    assertThat(sh("docker", "inspect", "-f", "{{.HostConfig.NetworkMode}}", aRunning.runtimeId()))
        .isEqualTo("none\n");
    cluster.sendTable(node, new NetworkTable(SUBNET, Map.of(), Map.of()));
    assertThat(awaitAddress(a)).isEqualTo("10.18.0.2");

    InstanceSpec b = httpd("b", "", node);
    cluster.send(node, new NodeCommand.Start("c-b", b));
    assertThat(awaitRunning(b).instanceIp()).isEqualTo("10.18.0.3");
    InstanceSpec client = TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, "", false, node);
    cluster.send(node, new NodeCommand.Start("c-c", client));
    assertThat(awaitRunning(client).instanceIp()).isEqualTo("10.18.0.4");
    cluster.sendTable(node, table(a, "10.18.0.2", b, "10.18.0.3"));

    String clientContainer = awaitRunning(client).runtimeId();
    awaitAnswers(clientContainer);
    assertThat(requests(clientContainer, 6)).containsEntry("a", 3).containsEntry("b", 3);
    // published on the worker's own addresses, loopback included, by the net manager's DNAT
    assertThat(curl("http://127.0.0.1:8080/")).isEqualTo("a");
    assertThat(curl("http://10.18.0.1:8080/")).isEqualTo("a");

    // stopped: out of the rotation at once, though the table still lists it
    cluster.send(node, new NodeCommand.Stop("c-a-stop", a.instanceId()));
    awaitState(a, InstanceState.UNDEPLOYED);
    assertThat(requests(clientContainer, 4)).containsOnlyKeys("b");
    assertThat(sh("ip", "-n", worker, "-o", "addr")).doesNotContain("10.18.0.2");

    // a restarted engine finds the addresses in the kernel, and keeps them
    engine.close();
    cluster.received.clear();
    engine = NodeEngine.start(config(), overlay());
    NodeMessage.InstanceList list =
        cluster.await(node, NodeMessage.InstanceList.class, l -> l.instances().size() == 2, WAIT);
    assertThat(list.instances())
        .extracting(InstanceStatus::instanceIp)
        .containsExactlyInAnyOrder("10.18.0.3", "10.18.0.4");
    assertThat(requests(clientContainer, 2)).containsOnlyKeys("b");
  }

  @Test
  void aStandaloneNetManagerOnItsSocketWiresContainersToo() throws Exception {
    Path socket = dataDir.resolve("net.sock");
    NetManagerConfig standalone = NetManagerConfig.defaults().withWorkerNamespace(worker);
    try (NetSocketServer server = new NetSocketServer(new NetManager(standalone), socket)) {
      server.start();
      InstanceNetwork network =
          Overlays.choose(config(), NetworkSettings.parse("socket:" + socket, null));
      engine = NodeEngine.start(config(), network);
      String node = online();
      cluster.sendTable(node, new NetworkTable(SUBNET, Map.of(), Map.of()));
      InstanceSpec spec = httpd("s", "", node);
      cluster.send(node, new NodeCommand.Start("c-s", spec));

      String ip = awaitAddress(spec);
      assertThat(ip).isEqualTo("10.18.0.2");
      assertThat(sh("ip", "netns", "exec", worker, "curl", "-sS", "-m", "3", "http://" + ip + "/"))
          .isEqualTo("s\n");
      cluster.send(node, new NodeCommand.Stop("c-s-stop", spec.instanceId()));
      awaitState(spec, InstanceState.UNDEPLOYED);
      assertThat(sh("ip", "-n", worker, "-o", "link")).doesNotContain("canopyv");
    }
  }

  @Test
  void aPortTakenByTheHostFailsTheStartAndLeavesNothingBehind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      OverlayNetwork checking =
          new OverlayNetwork(
              new EmbeddedNetLink(NetManagerConfig.defaults().withWorkerNamespace(worker)), true);
      engine = NodeEngine.start(config(), checking);
      String node = online();
      cluster.sendTable(node, new NetworkTable(SUBNET, Map.of(), Map.of()));
      InstanceSpec spec = httpd("x", taken.getLocalPort() + ":80", node);
      cluster.send(node, new NodeCommand.Start("c-x", spec));

      InstanceStatus failed = awaitState(spec, InstanceState.FAILED);
      assertThat(failed.reason())
          .contains("host port " + taken.getLocalPort() + "/tcp is already in use");
      assertThat(TestDocker.containersOf(docker, node)).isEmpty();
      assertThat(sh("ip", "-n", worker, "-o", "link")).doesNotContain("canopyv");
    }
  }

  @Test
  void aProcessInTheEnginesOwnNamespaceIsNeverWired() {
    OverlayNetwork network = (OverlayNetwork) overlay();
    network.apply(new NetworkTable(SUBNET, Map.of(), Map.of()));

    assertThat(network.attach("qemu", ProcessHandle.current().pid(), List.of())).isNull();
    assertThat(sh("ip", "-n", worker, "-o", "link")).doesNotContain("canopyv");
    assertThatThrownBy(() -> NetworkSettings.parse("socket:", null))
        .hasMessageContaining("names no socket");
    assertThat(Overlays.missing(false, tool -> true))
        .contains("the node engine is not running as root");
    assertThat(Overlays.missing(true, tool -> !tool.equals("nft")).orElseThrow()).startsWith("nft");
    assertThat(Overlays.choose(config(), NetworkSettings.parse("auto", null), false, tool -> true))
        .isSameAs(InstanceNetwork.DEFAULT_BRIDGE);
    assertThatThrownBy(
            () ->
                Overlays.choose(
                    config(), NetworkSettings.parse("embedded", null), true, tool -> false))
        .hasMessageContaining("--net-manager embedded: ip, bridge, nft");
    assertThat(new PublishedPort(80, 80, "TCP").protocol()).isEqualTo("tcp");
  }

  InstanceNetwork overlay() {
    return Overlays.choose(
        config(), new NetworkSettings(NetworkSettings.Mode.EMBEDDED, null, worker));
  }

  NodeConfig config() {
    return new NodeConfig(
        URI.create(cluster.url()),
        FakeCluster.TOKEN,
        dataDir,
        "overlay-test",
        0,
        Duration.ofMillis(500),
        TestDocker.SOCKET,
        null,
        "127.0.0.1",
        Duration.ofSeconds(5),
        Duration.ofSeconds(10));
  }

  String online() {
    String node = engine.nodeId();
    cluster.await(node, NodeMessage.Liveness.class, NodeMessage.Liveness::online, WAIT);
    return node;
  }

  InstanceSpec httpd(String body, String port, String node) {
    return TestSpecs.container(
        image, List.of("sh", "-c", HTTPD.formatted(body)), port, false, node);
  }

  NetworkTable table(InstanceSpec a, String aIp, InstanceSpec b, String bIp) {
    return new NetworkTable(
        SUBNET,
        Map.of(
            SERVICE,
            List.of(
                new ServiceInstance(a.instanceId(), aIp, "127.0.0.1"),
                new ServiceInstance(b.instanceId(), bIp, "127.0.0.1"))),
        Map.of());
  }

  InstanceStatus awaitRunning(InstanceSpec spec) {
    return awaitState(spec, InstanceState.RUNNING);
  }

  InstanceStatus awaitState(InstanceSpec spec, InstanceState state) {
    return cluster
        .await(
            engine.nodeId(),
            NodeMessage.InstanceChanged.class,
            c -> c.status().instanceId().equals(spec.instanceId()) && c.status().state() == state,
            WAIT)
        .status();
  }

  String awaitAddress(InstanceSpec spec) {
    return cluster
        .await(
            engine.nodeId(),
            NodeMessage.InstanceChanged.class,
            c ->
                c.status().instanceId().equals(spec.instanceId())
                    && c.status().state() == InstanceState.RUNNING
                    && c.status().instanceIp() != null,
            WAIT)
        .status()
        .instanceIp();
  }

  /** {@code count} GETs of the service IP from inside the client container, by answer. */
  Map<String, Integer> requests(String container, int count) {
    Commands.Result result =
        Commands.run(
            List.of(
                "docker",
                "exec",
                container,
                "sh",
                "-c",
                "exec 2>/dev/null; for i in $(seq "
                    + count
                    + "); do timeout 3 wget -q -O - http://"
                    + SERVICE
                    + "/ || echo failed; done"),
            60);
    assertThat(result.ok()).as(result.toString()).isTrue();
    Map<String, Integer> answers = new TreeMap<>();
    for (String line : result.output().strip().split("\n")) {
      answers.merge(line.strip(), 1, Integer::sum);
    }
    return answers;
  }

  /** Waits until the engine applied the service table (it travels through MQTT). */
  void awaitAnswers(String container) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!requests(container, 1).containsKey("failed")) {
        return;
      }
      Thread.sleep(100);
    }
    fail("the service IP " + SERVICE + " never answered in " + container);
  }

  String curl(String url) {
    return sh(
            "ip", "netns", "exec", worker, "curl", "-sS", "--connect-timeout", "2", "-m", "3", url)
        .strip();
  }

  static String sh(String... command) {
    return Commands.check(new ArrayList<>(List.of(command)), 30);
  }

  static void requireRoot() {
    Commands.Result uid = Commands.run(List.of("id", "-u"), 10);
    if (!uid.ok() || !uid.output().strip().equals("0")) {
      fail("the overlay tests build a network namespace and need root: run mvn as root");
    }
  }
}
