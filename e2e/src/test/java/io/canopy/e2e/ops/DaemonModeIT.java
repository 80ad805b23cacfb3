package io.canopy.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.Commands;
import io.canopy.testsupport.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start scripts' --daemon mode with a stand-in jar: pid file, log, health wait, a second start
 * that leaves the running tier alone, settings reaching the tier (secrets through the environment,
 * not the command line), and stop.sh.
 */
class DaemonModeIT {
  @TempDir static Path build;
  private static Path jar;

  @TempDir Path var;
  private Path record;

  @BeforeAll
  static void buildTheStandIn() {
    jar = FakeTier.jar(build);
  }

  @BeforeEach
  void recordIntoThisTestsFolder() {
    record = var.resolve("record.txt");
  }

  @AfterEach
  void stopEverything() {
    run(List.of(), "stop.sh", "--keep-workloads");
  }

  private Commands.Result run(List<String> env, String script, String... args) {
    List<String> command = new ArrayList<>(List.of("env", "CANOPY_VAR_DIR=" + var));
    command.add("FAKE_TIER_RECORD=" + record);
    command.addAll(env);
    command.addAll(List.of("bash", OpsFiles.script(script).toString()));
    command.addAll(List.of(args));
    return Commands.run(command, 120);
  }

  @Test
  void rootRunsAsADaemonOnceAndStops() throws IOException {
    int port = FreePorts.next();
    List<String> env = List.of("CANOPY_ADMIN_PASSWORD=pw-not-on-the-command-line");
    String[] args = {
      "--daemon",
      "--jar",
      jar.toString(),
      "--port",
      String.valueOf(port),
      "--mongo-uri",
      "mongodb://db.example:27017/canopy_root",
      "--public-metrics"
    };

    Commands.Result first = run(env, "start-root.sh", args);

    assertThat(first.ok()).as(first.output()).isTrue();
    assertThat(first.output()).contains("root is healthy at http://127.0.0.1:" + port);
    Path pidFile = var.resolve("run/root.pid");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(pid)).isPresent();
    assertThat(var.resolve("log/root.log")).exists();
    assertThat(FakeTier.record(record))
        .contains(
            "arg --server.port=" + port,
            "arg --canopy.data-dir=" + var.resolve("root"),
            "arg --spring.mongodb.uri=mongodb://db.example:27017/canopy_root",
            "arg --canopy.auth.public-metrics=true",
            "env CANOPY_ADMIN_PASSWORD=pw-not-on-the-command-line")
        .noneMatch(line -> line.startsWith("arg ") && line.contains("pw-not-on"));

    Commands.Result second = run(env, "start-root.sh", args);
    assertThat(second.ok()).as(second.output()).isTrue();
    assertThat(second.output()).contains("root is already running (pid " + pid + ",");

    Commands.Result stop = run(List.of(), "stop.sh", "root");
    assertThat(stop.output()).contains("root stopped (pid " + pid + ")");
    assertThat(pidFile).doesNotExist();
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void clusterGetsItsTokenThroughTheEnvironment() {
    int port = FreePorts.next();

    Commands.Result result =
        run(
            List.of(),
            "start-cluster.sh",
            "--daemon",
            "--jar",
            jar.toString(),
            "--port",
            String.valueOf(port),
            "--root-url",
            "http://127.0.0.1:10000",
            "--cluster-token",
            "cluster-token-secret",
            "--name",
            "site-a",
            "--broker-url",
            "tcp://127.0.0.1:1883");

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(FakeTier.record(record))
        .contains(
            "arg --server.port=" + port,
            "arg --canopy.cluster.root-url=http://127.0.0.1:10000",
            "arg --canopy.cluster.name=site-a",
            "arg --canopy.cluster.mqtt.url=tcp://127.0.0.1:1883",
            "arg --canopy.cluster.data-dir=" + var.resolve("cluster"),
            "arg --canopy.data-dir=" + var.resolve("cluster"),
            "env CANOPY_CLUSTER_REGISTRATIONTOKEN=cluster-token-secret")
        .noneMatch(line -> line.startsWith("arg ") && line.contains("cluster-token-secret"));
  }

  @Test
  void workerRunsWithTheSmallFootprintFlags() {
    int port = FreePorts.next();

    Commands.Result result =
        run(
            List.of(),
            "start-worker.sh",
            "--daemon",
            "--jar",
            jar.toString(),
            "--metrics-port",
            String.valueOf(port),
            "--cluster-url",
            "http://127.0.0.1:10100",
            "--join-token",
            "join-token-secret",
            "--name",
            "pi1");

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output())
        .contains("worker is healthy at http://127.0.0.1:" + port + "/health");
    assertThat(FakeTier.record(record))
        .contains(
            "arg --cluster-url",
            "arg http://127.0.0.1:10100",
            "arg --name",
            "arg pi1",
            "arg --data-dir",
            "arg " + var.resolve("worker"),
            "env CANOPY_JOIN_TOKEN=join-token-secret",
            "jvm -XX:+UseSerialGC",
            "jvm -Xmx48m",
            "jvm -Xss256k",
            "jvm -XX:TieredStopAtLevel=1")
        .noneMatch(line -> line.startsWith("arg ") && line.contains("join-token-secret"));
  }

  @Test
  void aTierThatDiesAtStartIsReportedWithItsLog() {
    Commands.Result result =
        run(
            List.of(),
            "start-root.sh",
            "--daemon",
            "--jar",
            jar.toString(),
            "--port",
            String.valueOf(FreePorts.next()),
            "--",
            "--exit-now");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("root exited during start-up").contains("boom");
    assertThat(var.resolve("run/root.pid")).doesNotExist();
  }
}
