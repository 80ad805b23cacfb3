package io.canopy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.cluster.instance.InstanceRecord;
import io.canopy.cluster.instance.InstanceService;
import io.canopy.cluster.instance.InstanceStore;
import io.canopy.cluster.node.WorkerRecord;
import io.canopy.cluster.node.WorkerStore;
import io.canopy.sla.Microservice;
import io.canopy.testsupport.MosquittoServer;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.WireJson;
import io.canopy.wire.node.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One cluster orchestrator for all test classes (the Spring context is shared), a private Mosquitto
 * and a fake root. Each test crashes its fake workers afterwards, so the next test starts with no
 * active worker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ClusterTestBase {
  static final MosquittoServer MOSQUITTO = MosquittoServer.start();
  static final FakeRoot ROOT = fakeRoot();
  static final Path DATA_DIR = tempDir();
  static final Duration WAIT = Duration.ofSeconds(30);

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(MOSQUITTO::close));
  }

  @LocalServerPort int port;
  @Autowired WorkerStore workers;
  @Autowired InstanceStore instances;
  @Autowired InstanceService instanceService;
  @Autowired ClusterLoop loop;

  private final List<FakeWorker> started = new ArrayList<>();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("canopy.cluster.root-url", ROOT::url);
    registry.add("canopy.cluster.registration-token", () -> FakeRoot.TOKEN);
    registry.add("canopy.cluster.name", () -> "test-cluster");
    registry.add("canopy.cluster.location", () -> "48.1,11.5");
    registry.add("canopy.cluster.data-dir", DATA_DIR::toString);
    registry.add("canopy.cluster.mqtt.url", MOSQUITTO::url);
    registry.add("canopy.store.embedded", () -> "memory");
    registry.add("canopy.cluster.timing.worker-report-interval", () -> "500ms");
    registry.add("canopy.cluster.timing.resources-interval", () -> "500ms");
    registry.add("canopy.cluster.timing.startup-grace", () -> "1s");
    registry.add("canopy.cluster.timing.worker-restart-grace", () -> "6s");
    registry.add("canopy.cluster.timing.node-scheduled-timeout", () -> "3s");
    registry.add("canopy.cluster.timing.creating-timeout", () -> "3s");
    registry.add("canopy.cluster.timing.restart-initial-backoff", () -> "200ms");
    registry.add("canopy.cluster.timing.restart-max-backoff", () -> "400ms");
    registry.add("canopy.cluster.timing.restart-max-failures", () -> "3");
    registry.add("canopy.cluster.timing.reconnect-min", () -> "200ms");
    registry.add("canopy.cluster.timing.reconnect-max", () -> "1s");
    registry.add("canopy.cluster.timing.logs-timeout", () -> "2s");
  }

  @AfterEach
  void removeWorkersAndInstances() throws Exception {
    loop.call(
        () -> {
          instanceService.applyDesired(List.of(), List.of());
          return null;
        });
    for (FakeWorker w : started) {
      try {
        w.crash();
      } catch (Exception e) {
        // already gone
      }
    }
    eventually(
        "every worker inactive", () -> workers.all().stream().noneMatch(WorkerRecord::active));
    ROOT.clear();
  }

  String clusterUrl() {
    return "http://127.0.0.1:" + port;
  }

  String adminToken() throws IOException {
    return Files.readString(DATA_DIR.resolve("admin-token")).strip();
  }

  String joinToken() throws Exception {
    HttpResponse<String> response =
        FakeWorker.post(clusterUrl() + "/api/node/tokens", adminToken(), null);
    assertThat(response.statusCode()).isEqualTo(201);
    return WireJson.mapper().readTree(response.body()).get("token").asString();
  }

  /** A worker that joined and that the cluster counts as active. */
  FakeWorker worker(String name, int cores, long memoryMb, String... runtimes) throws Exception {
    return worker(
        FakeWorker.fingerprint(
            name, cores, memoryMb, runtimes.length == 0 ? new String[] {"container"} : runtimes));
  }

  /** A worker with this fingerprint that joined and that the cluster counts as active. */
  FakeWorker worker(Fingerprint fp) throws Exception {
    FakeWorker w = FakeWorker.join(clusterUrl(), joinToken(), fp);
    started.add(w);
    eventually(
        fp.hostname() + " active",
        () -> workers.find(w.nodeId).map(WorkerRecord::active).orElse(false));
    return w;
  }

  InstanceRecord instance(String id) {
    return instances.find(id).orElseThrow();
  }

  void awaitState(String instanceId, InstanceState state) {
    eventually(
        instanceId + " " + state,
        () -> instances.find(instanceId).map(r -> r.state() == state).orElse(false));
  }

  static String newId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }

  static InstanceSpec spec(String instanceId, String serviceId, String serviceJson) {
    Microservice service = WireJson.mapper().readValue(serviceJson, Microservice.class);
    return new InstanceSpec(
        instanceId, serviceId, "app.ns." + serviceId + ".ns", 0, service, "10.30.0.5", null);
  }

  /** A container service with these needs; {@code extra} is more JSON fields, e.g. a port. */
  static InstanceSpec container(
      String instanceId, String serviceId, double vcpus, long memory, String extra) {
    return spec(
        instanceId,
        serviceId,
        """
        {"microserviceID":"%s","microservice_name":"svc","microservice_namespace":"ns",
         "virtualization":"container","code":"canopy-test/busybox","cmd":["sh"],
         "memory":%d,"vcpus":%s,"vgpus":0,"vtpus":0,"bandwidth_in":0,"bandwidth_out":0,
         "storage":0,"one_shot":false,"privileged":false%s}
        """
            .formatted(serviceId, memory, vcpus, extra.isEmpty() ? "" : "," + extra));
  }

  static void eventually(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("not within " + WAIT + ": " + what);
  }

  private static FakeRoot fakeRoot() {
    try {
      return new FakeRoot();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("canopy-cluster-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
