package io.canopy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.ArchiveServer;
import io.canopy.testsupport.FreePorts;
import io.canopy.testsupport.TarGz;
import io.canopy.testsupport.TestKernels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
 * Unikernels end to end (issue 6): root, one cluster and one node engine as separate processes, the
 * real libvirtd and QEMU, kernels built by the test and served from a loopback HTTP server, driven
 * only through the root's REST API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnikernelIT {
  /** Generous: QEMU's TCG emulator on a shared 2-core machine boots Linux in 5 to 15 s. */
  private static final Duration SETTLE = Duration.ofSeconds(120);

  @TempDir static Path work;
  private CanopyStack stack;
  private RootApi api;
  private ArchiveServer archives;
  private String appId;
  private String nodeId;
  private final Map<String, String> services = new HashMap<>();
  private String closedPortUrl;

  @BeforeAll
  void startEverything() {
    TestKernels.requireLibvirt();
    archives = new ArchiveServer();
    String hello =
        archives.put(
            "/hello-amd64.tar.gz",
            new TarGz()
                .add("kernel", TestKernels.multiboot(work.resolve("multiboot"), true))
                .bytes());
    String linux =
        archives.put("/linux-amd64.tar.gz", TestKernels.linuxArchive(work.resolve("linux")));
    String noKernel =
        archives.put("/no-kernel.tar.gz", new TarGz().add("cmdline", "quiet").bytes());
    closedPortUrl = "http://127.0.0.1:" + FreePorts.next() + "/kernel.tar.gz";

    stack = new CanopyStack(work).startRoot().startCluster("uk");
    stack.startWorker("uk1", List.of("--unikernels=auto", "--libvirt-uri=qemu:///system"));
    api = stack.api();
    String sla =
        Slas.application(
            "unikernels",
            // the worker takes the amd64 archive; the arm64 URL is never fetched (it is a 404)
            Slas.unikernel(
                "hello",
                archives.url("/hello-arm64.tar.gz") + "," + hello,
                List.of("arm64", "amd64"),
                true),
            Slas.unikernel("linux", linux, List.of("amd64"), false),
            Slas.unikernel("nokernel", noKernel, List.of("amd64"), false),
            Slas.unikernel("unreachable", closedPortUrl, List.of("amd64"), false),
            Slas.unikernel(
                "armonly", archives.url("/hello-arm64.tar.gz"), List.of("arm64"), false));
    nodeId = awaitWorker(w -> true).path("node_id").asString();
    appId = api.registerApplications(sla).getFirst();
    for (String name : List.of("hello", "linux", "nokernel", "unreachable", "armonly")) {
      services.put(name, api.serviceId(appId, name));
    }
  }

  @AfterAll
  void stopEverything() {
    try {
      if (api != null && appId != null) {
        api.deleteApplication(appId);
        awaitNoDomainOfThisWorker();
      }
    } finally {
      if (stack != null) {
        stack.close();
      }
      if (archives != null) {
        archives.close();
      }
      if (nodeId != null) {
        Libvirt.removeDomainsEndingWith(nodeSuffix());
      }
    }
  }

  @Test
  @Order(1)
  void theWorkerAdvertisesUnikernelsOfItsArchitecture() {
    JsonNode worker = awaitWorker(w -> w.path("runtimes").toString().contains("unikernel"));
    assertThat(worker.path("runtimes").toString()).contains("\"container\"", "\"unikernel\"");
    assertThat(worker.path("arch").asString()).isEqualTo("amd64");
  }

  @Test
  @Order(2)
  void aOneShotMultibootKernelCompletesAndItsSerialLineIsInTheLogs() {
    api.deployInstance(services.get("hello")).expect(201);
    JsonNode done =
        await("hello", list -> RootApi.count(list, "COMPLETED") == 1, "COMPLETED").getFirst();
    assertThat(done.path("exit_code").asInt()).isZero();
    assertThat(done.path("runtime_id").asString())
        .startsWith("canopy-" + done.path("instance_id").asString());
    assertThat(api.logs(services.get("hello"), done.path("instance_number").asInt(), 20))
        .anySatisfy(line -> assertThat(line).contains(TestKernels.HELLO));
  }

  @Test
  @Order(3)
  void aLinuxGuestRunsAndUndeployingItLeavesNoDomainAndNoTap() {
    api.deployInstance(services.get("linux")).expect(201);
    JsonNode running =
        await("linux", list -> RootApi.count(list, "RUNNING") == 1, "RUNNING").getFirst();
    int number = running.path("instance_number").asInt();
    String instanceId = running.path("instance_id").asString();
    String domain = running.path("runtime_id").asString();
    assertThat(domain).startsWith("canopy-" + instanceId);
    assertThat(Libvirt.domains()).contains(domain);
    awaitLogLine("linux", number, TestKernels.MARKER);

    api.undeployInstance(services.get("linux"), number).expect(200);
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline && Libvirt.domains().contains(domain)) {
      TierProcess.sleep(200);
    }
    assertThat(Libvirt.domains()).doesNotContain(domain);
    assertThat(Libvirt.interfaceExists(Libvirt.tapOf(instanceId))).isFalse();
    await(
        "linux",
        list -> list.stream().noneMatch(i -> "RUNNING".equals(RootApi.status(i))),
        "no RUNNING instance after the undeploy");
  }

  @Test
  @Order(4)
  void anArchiveWithoutAKernelFailsWithItsReason() {
    api.deployInstance(services.get("nokernel")).expect(201);
    JsonNode failed = awaitFailed("nokernel");
    assertThat(failed.path("reason").asString())
        .isEqualTo(
            "the archive from " + archives.url("/no-kernel.tar.gz") + " has no 'kernel' entry");
  }

  @Test
  @Order(5)
  void anUnreachableUrlFailsWithItsReason() {
    api.deployInstance(services.get("unreachable")).expect(201);
    JsonNode failed = awaitFailed("unreachable");
    assertThat(failed.path("reason").asString())
        .isEqualTo("cannot reach " + closedPortUrl + ": connection refused");
  }

  @Test
  @Order(6)
  void aServiceForAnotherArchitectureIsRefusedWithItsReason() {
    // the root's scheduler already refuses it (the only worker offers amd64 unikernels), so it
    // never reaches a worker: the reason is the placement's rejection, not a failed download
    api.deployInstance(services.get("armonly"));
    JsonNode refused =
        await(
                "armonly",
                list -> RootApi.count(list, "NO_ACTIVE_CLUSTER_WITH_CAPACITY") == 1,
                "the arm64-only instance to be unschedulable")
            .getFirst();
    assertThat(refused.path("rejections").toString())
        .contains("needs arch arm64 for unikernel, has amd64");
    String instanceId = refused.path("instance_id").asString();
    assertThat(Libvirt.domains()).noneMatch(d -> d.contains(instanceId));
  }

  /** The cluster's one worker, as the root lists it, once it satisfies {@code condition}. */
  private JsonNode awaitWorker(Predicate<JsonNode> condition) {
    String clusterId = RootApi.oid(api.clusters().getFirst());
    long deadline = System.nanoTime() + SETTLE.toNanos();
    List<JsonNode> workers = List.of();
    while (System.nanoTime() < deadline) {
      workers = api.workers(clusterId);
      if (workers.size() == 1 && condition.test(workers.getFirst())) {
        return workers.getFirst();
      }
      TierProcess.sleep(200);
    }
    throw new AssertionError("no such worker; last: " + workers + "\n" + stack.logs());
  }

  private JsonNode awaitFailed(String service) {
    JsonNode failed =
        await(service, list -> RootApi.count(list, "FAILED") >= 1, "FAILED").getFirst();
    assertThat(failed.path("runtime_id").isMissingNode() || failed.path("runtime_id").isNull())
        .as("no domain was made for %s", failed)
        .isTrue();
    return failed;
  }

  private List<JsonNode> await(String service, Predicate<List<JsonNode>> condition, String what) {
    try {
      return api.awaitInstances(services.get(service), condition, SETTLE, service + " " + what);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + stack.logs(), e);
    }
  }

  private void awaitLogLine(String service, int number, String text) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    List<String> lines = List.of();
    while (System.nanoTime() < deadline) {
      lines = api.logs(services.get(service), number, 50);
      if (lines.stream().anyMatch(l -> l.contains(text))) {
        return;
      }
      TierProcess.sleep(500);
    }
    throw new AssertionError("no line with " + text + " in the logs of " + service + ": " + lines);
  }

  private String nodeSuffix() {
    String node = nodeId.replaceAll("[^a-zA-Z0-9_.-]", "");
    return "-" + node.substring(Math.max(0, node.length() - 8));
  }

  private void awaitNoDomainOfThisWorker() {
    if (nodeId == null) {
      return;
    }
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline
        && Libvirt.domains().stream().anyMatch(d -> d.endsWith(nodeSuffix()))) {
      TierProcess.sleep(200);
    }
  }
}
