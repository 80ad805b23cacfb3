package io.canopy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.ArchiveServer;
import io.canopy.testsupport.Commands;
import io.canopy.testsupport.TestImages;
import io.canopy.testsupport.TestKernels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A unikernel guest on the overlay (issue 6, test 2): root, cluster and two node engines as
 * processes, each with its net manager embedded and its worker's bridge, tunnel and nftables table
 * in a network namespace of the test's own ({@link WorkerNamespaces}: two "machines" joined by a
 * veth underlay); the first also runs unikernels through the real libvirtd and QEMU. The Linux +
 * busybox guest serving HTTP is deployed as a service on the first worker, and container instances
 * of another service, one on each worker, reach it through its service IP: on the same bridge, and
 * through the VXLAN tunnel (which needs the guest's default route, from {@code canopy.gw}). Every
 * request is made from inside those containers, so overlay traffic stays in the test's namespaces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnikernelOverlayIT {
  /** Generous: QEMU's TCG emulator on a shared 2-core machine boots Linux in 5 to 20 s. */
  private static final Duration SETTLE = Duration.ofSeconds(150);

  private static final String GUEST_IP = "10.30.66.6";

  @TempDir static Path work;
  private WorkerNamespaces machines;
  private CanopyStack stack;
  private RootApi api;
  private ArchiveServer archives;
  private final Map<String, String> services = new HashMap<>();

  @BeforeAll
  void startEverything() {
    TestKernels.requireLibvirt();
    TestImages.busybox();
    machines = new WorkerNamespaces();
    archives = new ArchiveServer();
    String linux =
        archives.put("/linux-amd64.tar.gz", TestKernels.linuxArchive(work.resolve("linux")));
    stack = new CanopyStack(work).startRoot().startCluster("ukn");
    stack.startWorker(
        "ukn1",
        List.of(
            "--unikernels=auto",
            "--libvirt-uri=" + TestKernels.SYSTEM_URI,
            "--net-manager=embedded",
            "--net-namespace=" + machines.a,
            "--underlay-address=" + WorkerNamespaces.UNDERLAY_A));
    stack.startWorker(
        "ukn2",
        List.of(
            "--unikernels=off",
            "--net-manager=embedded",
            "--net-namespace=" + machines.b,
            "--underlay-address=" + WorkerNamespaces.UNDERLAY_B));
    api = stack.api();
    String sla =
        Slas.application(
            "guestnet",
            Slas.unikernel(
                "guest",
                linux,
                List.of("amd64"),
                false,
                "\"addresses\": {\"rr_ip\": \"" + GUEST_IP + "\"}, " + Slas.onWorker("ukn1")),
            Slas.service("near", Slas.sleeperCmd(), 16, "", false, Slas.onWorker("ukn1")),
            Slas.service("far", Slas.sleeperCmd(), 16, "", false, Slas.onWorker("ukn2")));
    String appId = api.registerApplications(sla).getFirst();
    for (String name : List.of("guest", "near", "far")) {
      services.put(name, api.serviceId(appId, name));
    }
  }

  @AfterAll
  void stopEverything() {
    Set<String> nodes = Set.of();
    try {
      if (stack != null) {
        nodes = stack.closeAndRemoveContainers();
      }
    } finally {
      for (String node : nodes) {
        String suffix = node.replaceAll("[^a-zA-Z0-9_.-]", "");
        Libvirt.removeDomainsEndingWith("-" + suffix.substring(Math.max(0, suffix.length() - 8)));
      }
      if (archives != null) {
        archives.close();
      }
      if (machines != null) {
        machines.close();
      }
    }
  }

  @Test
  @Order(1)
  void containersOfAnotherServiceReachTheGuestThroughItsServiceIpOnBothWorkers() {
    long t0 = System.nanoTime();
    api.deployInstance(services.get("guest")).expect(201);
    JsonNode guest = awaitAddressed("guest");
    double running = (System.nanoTime() - t0) / 1e9;
    api.deployInstance(services.get("near")).expect(201);
    api.deployInstance(services.get("far")).expect(201);
    JsonNode near = awaitAddressed("near");
    JsonNode far = awaitAddressed("far");
    assertThat(guest.path("worker_name").asString()).isEqualTo("ukn1");
    assertThat(near.path("worker_name").asString()).isEqualTo("ukn1");
    assertThat(far.path("worker_name").asString()).isEqualTo("ukn2");

    String instanceId = guest.path("instance_id").asString();
    String guestIp = guest.path("instance_ip").asString();
    String tap = Libvirt.tapOf(instanceId);
    assertThat(api.service(services.get("guest")).path("service_ip").asString())
        .isEqualTo(GUEST_IP);
    // the instance IP is on the worker's bridge, reached through the guest's tap there
    assertThat(WorkerNamespaces.in(machines.a, "ip", "route", "get", guestIp))
        .contains("dev canopy-br");
    assertThat(WorkerNamespaces.in(machines.a, "ip", "-o", "link", "show", "dev", tap))
        .contains("master canopy-br");
    assertThat(Libvirt.interfaceExists(tap)).as("the tap left the machine's namespace").isFalse();

    String url = "http://" + GUEST_IP + "/";
    String page = awaitPage(near.path("runtime_id").asString(), url);
    double answered = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "guest %s (%s): deploy -> RUNNING with instance IP %.1f s, service IP %s answering from a"
            + " container on its worker %.1f s%n",
        instanceId, guestIp, running, GUEST_IP, answered);
    assertThat(page).isEqualTo(TestKernels.PAGE);
    long tunnelled = tunnelPackets(machines.b);
    assertThat(awaitPage(far.path("runtime_id").asString(), url)).isEqualTo(TestKernels.PAGE);
    assertThat(tunnelPackets(machines.b))
        .as("packets from the other worker through its VXLAN tunnel")
        .isGreaterThan(tunnelled);
    // the guest was told its addressing on its command line and configured eth0 with it
    assertThat(
            String.join(
                "\n", api.logs(services.get("guest"), guest.path("instance_number").asInt(), 50)))
        .contains("canopy.ip=" + guestIp + "/")
        .contains("eth0 up " + guestIp + "/")
        .contains("mtu 1450");
  }

  @Test
  @Order(2)
  void undeployingTheGuestLeavesNoDomainAndNoTap() {
    JsonNode guest = api.instances(services.get("guest")).getFirst();
    String domain = guest.path("runtime_id").asString();
    String tap = Libvirt.tapOf(guest.path("instance_id").asString());

    api.undeployInstance(services.get("guest"), guest.path("instance_number").asInt()).expect(200);
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (System.nanoTime() < deadline && Libvirt.domains().contains(domain)) {
      TierProcess.sleep(200);
    }

    assertThat(Libvirt.domains()).doesNotContain(domain);
    assertThat(Libvirt.interfaceExists(machines.a, tap)).isFalse();
    assertThat(Libvirt.interfaceExists(tap)).isFalse();
    assertThat(WorkerNamespaces.in(machines.a, "nft", "list", "table", "ip", "canopy"))
        .doesNotContain(guest.path("instance_ip").asString());
  }

  private JsonNode awaitAddressed(String service) {
    try {
      return api.awaitAddressed(services.get(service), 1, SETTLE, service).getFirst();
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + stack.logs(), e);
    }
  }

  private static long tunnelPackets(String namespace) {
    return Long.parseLong(
        WorkerNamespaces.in(namespace, "cat", "/sys/class/net/canopy-vx/statistics/tx_packets")
            .strip());
  }

  /** The page at {@code url} fetched from inside the container, once the guest has booted. */
  private String awaitPage(String container, String url) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    Commands.Result last = null;
    while (System.nanoTime() < deadline) {
      // busybox wget crashes on its own -T timeout: bound it with timeout instead
      last =
          Commands.run(
              List.of(
                  TestImages.requireDocker(),
                  "exec",
                  container,
                  "timeout",
                  "3",
                  "wget",
                  "-q",
                  "-O",
                  "-",
                  url),
              30);
      if (last.ok() && !last.output().isBlank()) {
        return last.output().strip();
      }
      TierProcess.sleep(500);
    }
    throw new AssertionError(
        "no answer from " + url + " in " + container + ": " + last + "\n" + stack.logs());
  }
}
