package io.canopy.node.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.canopy.node.runtime.Observation;
import io.canopy.node.runtime.RuntimeHandle;
import io.canopy.node.runtime.RuntimeStats;
import io.canopy.node.runtime.StartResult;
import io.canopy.node.runtime.WorkloadRuntime;
import io.canopy.node.testing.TestDocker;
import io.canopy.node.testing.TestSpecs;
import io.canopy.testsupport.FreePorts;
import io.canopy.wire.InstanceSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DockerRuntime against the real Docker engine and the local busybox image. */
class DockerRuntimeTest {
  static String image;
  String nodeId;
  DockerClient docker;
  DockerRuntime runtime;

  @BeforeAll
  static void image() {
    image = TestDocker.image();
    TestDocker.removeTestContainers();
  }

  @AfterAll
  static void cleanUp() {
    TestDocker.removeTestContainers();
  }

  @BeforeEach
  void runtime() {
    nodeId = TestDocker.newNodeId();
    docker = TestDocker.client();
    runtime = new DockerRuntime(TestDocker.client(), nodeId, Duration.ofSeconds(15));
  }

  @AfterEach
  void close() throws IOException {
    runtime.close();
    docker.close();
  }

  private RuntimeHandle started(InstanceSpec spec) {
    StartResult result = runtime.start(spec);
    assertThat(result).isInstanceOf(StartResult.Started.class);
    return ((StartResult.Started) result).handle();
  }

  @Test
  void startsWithTheSlasSettingsInspectsLogsAndStops() throws Exception {
    InstanceSpec spec =
        TestSpecs.container(
            TestSpecs.newInstanceId(),
            image,
            List.of(
                "sh",
                "-c",
                "trap 'exit 0' TERM; echo hello $GREETING; while true; do sleep 1; done"),
            "",
            false,
            nodeId,
            Map.of("environment", List.of("GREETING=canopy"), "vcpus", 0.5, "memory", 48));
    RuntimeHandle handle = started(spec);

    assertThat(handle.instanceId()).isEqualTo(spec.instanceId());
    Observation o = runtime.inspect(handle);
    assertThat(o.running()).isTrue();
    assertThat(o.pid()).isPositive();

    InspectContainerResponse c = docker.inspectContainerCmd(handle.runtimeId()).exec();
    assertThat(c.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(c.getHostConfig().getMemory()).isEqualTo(48L * 1024 * 1024);
    assertThat(c.getConfig().getLabels())
        .containsEntry(CanopyLabels.NODE_ID, nodeId)
        .containsEntry(CanopyLabels.INSTANCE_ID, spec.instanceId())
        .containsEntry(CanopyLabels.SERVICE, "app.test.svc.test")
        .containsEntry(CanopyLabels.MANAGED, "true");

    List<String> lines = List.of();
    for (int i = 0; i < 50 && lines.isEmpty(); i++) {
      lines = runtime.logs(handle, 10);
      Thread.sleep(100);
    }
    assertThat(lines).containsExactly("hello canopy");
    assertThat(runtime.stats(handle))
        .hasValueSatisfying(s -> assertThat(s.memoryBytes()).isPositive());
    assertThat(runtime.answers()).isTrue();

    long before = System.nanoTime();
    runtime.stop(handle, Duration.ofSeconds(10));
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    assertThat(runtime.inspect(handle).exists()).isFalse();
    runtime.stop(handle, Duration.ofSeconds(1)); // idempotent
  }

  @Test
  void samplesABusyContainersCpuAndMemoryFromItsCgroupInMilliseconds() throws Exception {
    // one shell spinning: about one core, capped at half of one by the SLA's vcpus
    InstanceSpec spec =
        TestSpecs.container(
            TestSpecs.newInstanceId(),
            image,
            List.of("sh", "-c", "trap 'exit 0' TERM; while true; do :; done"),
            "",
            false,
            nodeId,
            Map.of("vcpus", 0.5, "memory", 32));
    RuntimeHandle handle = started(spec);

    RuntimeStats first = runtime.stats(handle).orElseThrow();
    Thread.sleep(1000);
    long before = System.nanoTime();
    RuntimeStats second = runtime.stats(handle).orElseThrow();
    Duration took = Duration.ofNanos(System.nanoTime() - before);

    assertThat(first.memoryBytes()).isPositive();
    assertThat(second.memoryBytes()).isPositive().isLessThan(32L * 1024 * 1024);
    assertThat(second.memoryLimitBytes()).isEqualTo(32L * 1024 * 1024);
    // over the last second it used CPU, but not more than its limit allows
    assertThat(second.cpuPercent()).isBetween(5.0, 60.0);
    // Docker's stats API needs a second or more: this came from the cgroup files
    assertThat(took).isLessThan(Duration.ofMillis(200));

    runtime.stop(handle, Duration.ofSeconds(5));
    assertThat(runtime.stats(handle)).isEmpty();
  }

  @Test
  void reportsExitsThroughDockerEventsWithTheExitCode() throws Exception {
    BlockingQueue<String> exits = new LinkedBlockingQueue<>();
    runtime.watch(
        new WorkloadRuntime.ExitListener() {
          @Override
          public void exited(String instanceId, String runtimeId) {
            exits.add(instanceId + "/" + runtimeId);
          }

          @Override
          public void resync() {}
        });
    Thread.sleep(300); // let the event stream open
    InstanceSpec spec =
        TestSpecs.container(image, List.of("sh", "-c", "sleep 1; exit 3"), "", false, nodeId);
    RuntimeHandle handle = started(spec);

    assertThat(exits.poll(10, TimeUnit.SECONDS))
        .isEqualTo(spec.instanceId() + "/" + handle.runtimeId());
    Observation o = runtime.inspect(handle);
    assertThat(o.running()).isFalse();
    assertThat(o.exitCode()).isEqualTo(3);
  }

  @Test
  void aHostPortInUseFailsWithTheDaemonsReasonAndLeavesNoContainer() throws IOException {
    int port = FreePorts.next();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("0.0.0.0", port));
      InstanceSpec spec =
          TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, port + ":80", false, nodeId);

      StartResult result = runtime.start(spec);

      assertThat(result).isInstanceOf(StartResult.Failed.class);
      assertThat(((StartResult.Failed) result).reason())
          .contains("docker start failed")
          .containsAnyOf("address already in use", "port is already allocated");
      assertThat(TestDocker.containersOf(docker, nodeId)).isEmpty();
    }
  }

  @Test
  void publishesPortsOnTheDefaultBridge() throws Exception {
    int port = FreePorts.next();
    InstanceSpec spec =
        TestSpecs.container(
            image,
            List.of("httpd", "-f", "-p", "8080", "-h", "/www"),
            port + ":8080",
            false,
            nodeId);
    RuntimeHandle handle = started(spec);

    InspectContainerResponse c = docker.inspectContainerCmd(handle.runtimeId()).exec();
    assertThat(c.getHostConfig().getNetworkMode()).isEqualTo("bridge");
    // busybox httpd answers (404 for the empty /www) through the published port on loopback
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest get =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Integer status = null;
    for (int i = 0; i < 50 && status == null; i++) {
      try {
        status = http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    assertThat(status).isEqualTo(404);
    runtime.stop(handle, Duration.ofSeconds(1));
  }

  @Test
  void aPullFailureIsFailedWithTheDaemonsWordsQuickly() {
    // a registry on a closed loopback port: the pull fails at once and nothing leaves the machine
    InstanceSpec spec =
        TestSpecs.container(
            "127.0.0.1:1/canopy-test/missing:1", TestSpecs.RUNS_UNTIL_STOPPED, "", false, nodeId);

    long before = System.nanoTime();
    StartResult result = runtime.start(spec);

    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(15));
    assertThat(result).isInstanceOf(StartResult.Failed.class);
    assertThat(((StartResult.Failed) result).reason())
        .startsWith("pulling 127.0.0.1:1/canopy-test/missing:1 failed: ")
        .contains("connection refused");
  }

  @Test
  void aServiceWithoutImageOrWithABadPortFails() {
    StartResult noImage =
        runtime.start(TestSpecs.container("", TestSpecs.RUNS_UNTIL_STOPPED, "", false, nodeId));
    assertThat(noImage).isEqualTo(new StartResult.Failed("the service names no image in \"code\""));

    StartResult badPort =
        runtime.start(
            TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, "99999:80", false, nodeId));
    assertThat(badPort).isInstanceOf(StartResult.Failed.class);
    assertThat(((StartResult.Failed) badPort).reason()).contains("99999");
    assertThat(TestDocker.containersOf(docker, nodeId)).isEmpty();
  }

  @Test
  void recoversOnlyItsOwnNodesContainers() {
    RuntimeHandle mine =
        started(TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, "", false, nodeId));
    String otherNode = TestDocker.newNodeId();
    try (DockerRuntime other =
        new DockerRuntime(TestDocker.client(), otherNode, Duration.ofSeconds(5))) {
      StartResult theirs =
          other.start(
              TestSpecs.container(image, TestSpecs.RUNS_UNTIL_STOPPED, "", true, otherNode));
      assertThat(theirs).isInstanceOf(StartResult.Started.class);

      List<WorkloadRuntime.Recovered> recovered = runtime.recover();

      assertThat(recovered).hasSize(1);
      assertThat(recovered.getFirst().handle()).isEqualTo(mine);
      assertThat(recovered.getFirst().observation().running()).isTrue();
      assertThat(other.recover().getFirst().handle().oneShot()).isTrue();
    }
  }
}
