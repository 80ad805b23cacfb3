package io.canopy.node.runtime.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.node.runtime.GuestNic;
import io.canopy.node.runtime.Observation;
import io.canopy.node.runtime.RuntimeHandle;
import io.canopy.node.runtime.StartResult;
import io.canopy.node.runtime.WorkloadRuntime;
import io.canopy.testsupport.ArchiveServer;
import io.canopy.testsupport.Requirements;
import io.canopy.testsupport.TarGz;
import io.canopy.testsupport.TestKernels;
import io.canopy.wire.InstanceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LibvirtRuntime against the real libvirtd, booting guests under QEMU (TCG on this machine). */
class LibvirtRuntimeTest {
  @TempDir Path dir;
  String nodeId;
  LibvirtRuntime runtime;
  ArchiveServer server;
  final BlockingQueue<String> exits = new LinkedBlockingQueue<>();

  @BeforeAll
  static void libvirt() {
    TestKernels.requireLibvirt();
  }

  @BeforeEach
  void runtime() {
    nodeId = "node-" + TestGuests.newId();
    runtime = new LibvirtRuntime(nodeId, LibvirtSettings.defaults(dir.resolve("data")));
    server = new ArchiveServer();
    runtime.watch(
        new WorkloadRuntime.ExitListener() {
          @Override
          public void exited(String instanceId, String runtimeId) {
            exits.add(instanceId);
          }

          @Override
          public void resync() {}
        });
  }

  @AfterEach
  void close() {
    for (WorkloadRuntime.Recovered r : runtime.recover()) {
      runtime.stop(r.handle(), Duration.ZERO);
    }
    runtime.close();
    server.close();
  }

  @Test
  void answersAndAdvertisesTheHostArchitecture() {
    assertThat(runtime.kind()).isEqualTo("unikernel");
    assertThat(runtime.answers()).isTrue();
    assertThat(runtime.arches()).containsExactly(Arches.host());
    assertThat(runtime.domainType()).isIn("kvm", "qemu");
  }

  @Test
  void aOneShotMultibootKernelPrintsAndPowersOffWithExitZero() throws Exception {
    byte[] archive = new TarGz().add("kernel", TestKernels.multiboot(dir, true)).bytes();
    // two archives, one per arch: the worker must take the x86_64 one (the arm64 URL is a 404)
    String code = server.url("/arm64.tar.gz") + "," + server.put("/amd64.tar.gz", archive);
    InstanceSpec spec =
        TestGuests.spec(TestGuests.newId(), code, List.of("arm64", "x86_64"), List.of(), true);

    long t0 = System.nanoTime();
    RuntimeHandle handle = started(runtime.start(spec));
    long running = System.nanoTime();
    assertThat(handle.oneShot()).isTrue();
    assertThat(handle.runtimeId()).startsWith("canopy-" + spec.instanceId());

    assertThat(exits.poll(60, TimeUnit.SECONDS)).isEqualTo(spec.instanceId());
    long off = System.nanoTime();
    Observation o = runtime.inspect(handle);
    assertThat(o.exists()).isTrue();
    assertThat(o.running()).isFalse();
    assertThat(o.exitCode()).isZero();
    assertThat(runtime.logs(handle, 10)).contains(TestKernels.HELLO);
    Bench.record("multiboot", t0, running, off);

    runtime.stop(handle, Duration.ofSeconds(1));
    assertThat(runtime.inspect(handle).exists()).isFalse();
    assertThat(LibvirtSettings.DEFAULT_RUN_DIR.resolve(handle.runtimeId())).doesNotExist();
  }

  @Test
  void aGuestWhoseQemuDiesHasExitedNonZero() throws Exception {
    byte[] archive = new TarGz().add("kernel", TestKernels.multiboot(dir, false)).bytes();
    InstanceSpec spec =
        TestGuests.spec(
            TestGuests.newId(), server.put("/hang.tar.gz", archive), List.of(), List.of(), false);
    RuntimeHandle handle = started(runtime.start(spec));
    waitFor(() -> runtime.logs(handle, 5).contains(TestKernels.HELLO), 30);
    assertThat(runtime.inspect(handle).running()).isTrue();

    Path pidFile = Path.of("/run/libvirt/qemu", handle.runtimeId() + ".pid");
    String pid = Files.readString(pidFile).trim();
    assertThat(TestGuests.run(List.of("kill", "-9", pid))).isNotNull();

    assertThat(exits.poll(30, TimeUnit.SECONDS)).isEqualTo(spec.instanceId());
    Observation o = runtime.inspect(handle);
    assertThat(o.running()).isFalse();
    assertThat(o.exitCode()).isNotNull().isNotZero();
  }

  @Test
  void aLinuxGuestRunsItsInitramfsAndUndeployLeavesOnlyTheCache() throws Exception {
    Requirements.require("curl", "Install it: apt-get install curl");
    Path file = Files.write(dir.resolve("linux.tar.gz"), TestKernels.linuxArchive(dir));
    // what the net manager does, by hand: a tap before the start, onto a bridge (here in a
    // namespace of the test's own, the only place the guest's address exists) once QEMU holds it
    String lan = "cnl" + TestGuests.newId().substring(0, 8);
    String tap = "canopyt" + TestGuests.newId().substring(0, 8);
    runtime.close();
    runtime =
        new LibvirtRuntime(
            nodeId,
            LibvirtSettings.defaults(dir.resolve("data"))
                .withNetwork(
                    spec -> {
                      sh("ip tuntap add dev " + tap + " mode tap");
                      return new GuestNic(tap, "10.99.0.2", 24, "10.99.0.1", 1450);
                    }));
    sh("ip netns add " + lan);
    try {
      aLinuxGuest(file, lan, tap);
    } finally {
      TestGuests.run(List.of("ip", "netns", "del", lan)); // removes the tap with it
      TestGuests.run(List.of("ip", "link", "del", "dev", tap));
    }
  }

  private void aLinuxGuest(Path file, String lan, String tap) throws Exception {
    sh("ip -n " + lan + " link add br0 type bridge");
    sh("ip -n " + lan + " addr add 10.99.0.1/24 dev br0");
    sh("ip -n " + lan + " link set br0 up");
    InstanceSpec spec =
        TestGuests.spec(
            TestGuests.newId(),
            file.toUri().toString(),
            List.of("amd64"),
            List.of("canopy.test=1"),
            false);

    long t0 = System.nanoTime();
    RuntimeHandle handle = started(runtime.start(spec));
    long running = System.nanoTime();
    assertThat(runtime.inspect(handle).running()).isTrue();
    sh("ip link set dev " + tap + " netns " + lan);
    sh("ip -n " + lan + " link set dev " + tap + " master br0 up");
    waitFor(() -> runtime.logs(handle, 50).contains(TestKernels.MARKER), 90);
    long marker = System.nanoTime();
    Bench.record("linux", t0, running, marker);
    assertThat(String.join("\n", runtime.logs(handle, 50)))
        .contains(
            "console=ttyS0 quiet canopy.test=1 canopy.ip=10.99.0.2/24 canopy.gw=10.99.0.1"
                + " ip=10.99.0.2::10.99.0.1:255.255.255.0::eth0:off")
        .contains("eth0 up 10.99.0.2/24 mtu 1450");
    // the guest configured its NIC from the command line and serves on it
    List<String> get =
        List.of("ip", "netns", "exec", lan, "curl", "-sS", "-m", "3", "http://10.99.0.2/");
    waitFor(() -> TestGuests.run(get) != null, 30);
    assertThat(TestGuests.run(get)).isEqualTo(TestKernels.PAGE + "\n");

    // a restarted engine finds its guest; another node's engine does not
    try (LibvirtRuntime again =
            new LibvirtRuntime(nodeId, LibvirtSettings.defaults(dir.resolve("data")));
        LibvirtRuntime other =
            new LibvirtRuntime("another-node", LibvirtSettings.defaults(dir.resolve("data")))) {
      assertThat(again.recover())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.handle()).isEqualTo(handle);
                assertThat(r.observation().running()).isTrue();
              });
      assertThat(other.recover()).isEmpty();
    }
    assertThat(runtime.stats(handle))
        .hasValueSatisfying(s -> assertThat(s.memoryLimitBytes()).isEqualTo(128L * 1024 * 1024));

    runtime.stop(handle, Duration.ZERO);
    assertThat(runtime.inspect(handle).exists()).isFalse();
    assertThat(
            TestGuests.run(List.of("virsh", "-c", "qemu:///system", "dominfo", handle.runtimeId())))
        .isNull();
    assertThat(LibvirtSettings.DEFAULT_RUN_DIR.resolve(handle.runtimeId())).doesNotExist();
    try (var cached = Files.list(dir.resolve("data/unikernel-cache/sha256"))) {
      assertThat(cached.toList()).hasSize(1); // the cache stays for the next deploy
    }
  }

  private static void sh(String command) {
    assertThat(TestGuests.run(List.of("sh", "-c", command))).as(command).isNotNull();
  }

  private static RuntimeHandle started(StartResult result) {
    assertThat(result).isInstanceOf(StartResult.Started.class);
    RuntimeHandle h = ((StartResult.Started) result).handle();
    assertThat(h.runtime()).isEqualTo("unikernel");
    return h;
  }

  static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + seconds + " s");
      }
      Thread.sleep(100);
    }
  }

  /** Deploy timings for bench/unikernel-deploy.sh. */
  static final class Bench {
    static void record(String guest, long t0, long running, long end) {
      String line =
          String.format(
              "unikernel-deploy %s start->running=%d ms start->%s=%d ms%n",
              guest,
              (running - t0) / 1_000_000,
              guest.equals("linux") ? "marker" : "poweroff",
              (end - t0) / 1_000_000);
      System.out.print(line);
      try {
        Path out = Path.of("target", "unikernel-deploy.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(
            out,
            line,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
