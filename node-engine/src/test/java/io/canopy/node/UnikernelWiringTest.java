package io.canopy.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.node.config.NodeConfig;
import io.canopy.node.testing.FakeCluster;
import io.canopy.node.testing.TestDocker;
import io.canopy.node.testing.TestSpecs;
import io.canopy.testsupport.ArchiveServer;
import io.canopy.testsupport.FreePorts;
import io.canopy.testsupport.MosquittoServer;
import io.canopy.testsupport.TarGz;
import io.canopy.testsupport.TestKernels;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.node.NodeCommand;
import io.canopy.wire.node.NodeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine decides at start whether it runs unikernels: a fake cluster, the real Mosquitto,
 * dockerd and libvirtd.
 */
class UnikernelWiringTest {
  static final Duration WAIT = Duration.ofSeconds(15);
  static MosquittoServer broker;

  @TempDir Path dataDir;
  FakeCluster cluster;
  NodeEngine engine;

  @BeforeAll
  static void parts() {
    TestKernels.requireLibvirt();
    TestDocker.image();
    broker = MosquittoServer.start();
  }

  @AfterAll
  static void stopParts() {
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

  NodeConfig config(String libvirtUri) {
    return new NodeConfig(
        URI.create(cluster.url()),
        FakeCluster.TOKEN,
        dataDir,
        "worker-uk",
        0,
        Duration.ofMillis(500),
        TestDocker.SOCKET,
        null,
        "127.0.0.1",
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        libvirtUri);
  }

  NodeEngine start(NodeConfig config) {
    NodeEngine started = NodeEngine.start(config);
    cluster.await(started.nodeId(), NodeMessage.Liveness.class, NodeMessage.Liveness::online, WAIT);
    return started;
  }

  InstanceStatus awaitState(String instanceId, InstanceState state, Duration wait) {
    return cluster
        .await(
            engine.nodeId(),
            NodeMessage.InstanceChanged.class,
            c -> c.status().instanceId().equals(instanceId) && c.status().state() == state,
            wait)
        .status();
  }

  static InstanceSpec unikernel(String code, boolean oneShot, String nodeId) {
    return TestSpecs.container(
        TestSpecs.newInstanceId(),
        code,
        List.of(),
        "",
        oneShot,
        nodeId,
        Map.of("virtualization", "unikernel", "arch", List.of("amd64"), "memory", 64));
  }

  @Test
  void aWorkerWhoseLibvirtdAnswersAdvertisesUnikernelsAndRunsThem() throws Exception {
    engine = start(config("qemu:///system"));
    String node = engine.nodeId();
    NodeMessage.Report report =
        cluster.await(
            node,
            NodeMessage.Report.class,
            r -> r.fingerprint().runtimes().contains("unikernel"),
            WAIT);
    assertThat(report.fingerprint().runtimes()).containsExactly("container", "unikernel");
    assertThat(report.fingerprint().arch()).isEqualTo("amd64");

    try (ArchiveServer server = new ArchiveServer()) {
      byte[] kernel = TestKernels.multiboot(dataDir.resolve("build"), true);
      String url = server.put("/hello.tar.gz", new TarGz().add("kernel", kernel).bytes());
      InstanceSpec spec = unikernel(url, true, node);
      cluster.send(node, new NodeCommand.Start("u-1", spec));
      InstanceStatus done =
          awaitState(spec.instanceId(), InstanceState.COMPLETED, WAIT.multipliedBy(4));
      assertThat(done.exitCode()).isZero();
      assertThat(done.runtimeId()).startsWith("canopy-" + spec.instanceId());
      cluster.send(node, new NodeCommand.Stop("u-2", spec.instanceId()));
      awaitState(spec.instanceId(), InstanceState.UNDEPLOYED, WAIT);
    }
  }

  @Test
  void aWorkerWhoseLibvirtdDoesNotAnswerStartsWithoutUnikernels() throws Exception {
    // nothing listens there: the probe is refused at once
    String closed = "qemu+tcp://127.0.0.1:" + FreePorts.next() + "/system";
    engine = start(config(closed));
    String node = engine.nodeId();
    NodeMessage.Report report = cluster.await(node, NodeMessage.Report.class, r -> true, WAIT);
    assertThat(report.fingerprint().runtimes()).containsExactly("container");

    InstanceSpec spec = unikernel("http://127.0.0.1:1/k.tar.gz", false, node);
    cluster.send(node, new NodeCommand.Start("u-3", spec));
    assertThat(awaitState(spec.instanceId(), InstanceState.FAILED, WAIT).reason())
        .isEqualTo("this worker has no unikernel runtime");
  }
}
