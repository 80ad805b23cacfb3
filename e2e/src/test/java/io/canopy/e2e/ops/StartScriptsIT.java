package io.canopy.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The start scripts' interface (--help, bad input) and stop.sh's handling of pid files. */
class StartScriptsIT {
  @TempDir Path var;

  /** Runs a script with CANOPY_VAR_DIR pointing at this test's folder. */
  private Commands.Result run(String script, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of("env", "CANOPY_VAR_DIR=" + var, "bash", OpsFiles.script(script).toString()));
    command.addAll(List.of(args));
    return Commands.run(command, 60);
  }

  @ParameterizedTest
  @ValueSource(strings = {"start-root.sh", "start-cluster.sh", "start-worker.sh"})
  void helpListsEveryOptionAndEveryEnvironmentVariable(String script) {
    Commands.Result result = run(script, "--help");

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(ScriptOptions.of(OpsFiles.script(script))).hasSizeGreaterThan(8);
    assertThat(result.output())
        .contains("--daemon", "--data-dir", "--java-opts", "--log", "--pid-file")
        .contains(ScriptOptions.of(OpsFiles.script(script)))
        .contains(ScriptOptions.environment(OpsFiles.script(script)));
  }

  @Test
  void eachTierHasItsConnectionOptions() {
    assertThat(run("start-root.sh", "--help").output())
        .contains("--mongo-uri", "--redis-url", "--port", "10000");
    assertThat(run("start-cluster.sh", "--help").output())
        .contains("--root-url", "--cluster-token", "--broker-url", "--mongo-uri", "10003");
    assertThat(run("start-worker.sh", "--help").output())
        .contains("--cluster-url", "--join-token", "--mqtt-url", "10200");
  }

  @Test
  void theWorkerRunsWithTheSmallFootprintJvmFlags() {
    assertThat(run("start-worker.sh", "--help").output())
        .contains(
            "-XX:+UseSerialGC -Xmx48m -Xmn4m -Xss256k -XX:TieredStopAtLevel=1"
                + " -XX:CICompilerCount=1"
                + " -XX:TrimNativeHeapInterval=5000")
        .contains("MALLOC_ARENA_MAX=2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "start-root.sh",
        "start-cluster.sh",
        "start-worker.sh",
        "stop.sh",
        "quickstart.sh"
      })
  void anUnknownOptionIsNamed(String script) {
    Commands.Result result = run(script, "--no-such-option");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("--no-such-option").contains("--help");
  }

  @ParameterizedTest
  @ValueSource(strings = {"start-root.sh", "start-cluster.sh", "start-worker.sh"})
  void aMissingJarSaysHowToBuildIt(String script) {
    Commands.Result result = run(script, "--daemon", "--jar", var.resolve("absent.jar").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output()).contains("absent.jar is missing").contains("mvn -B -q package");
    assertThat(var.resolve("run")).doesNotExist();
  }

  @Test
  void aBadPortIsRefused() {
    Commands.Result result = run("start-root.sh", "--port", "ten");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("--port 'ten' is not a number");
  }

  @Test
  void quickstartHelpNamesTheStopScript() {
    Commands.Result result = run("quickstart.sh", "--help");

    assertThat(result.ok()).isTrue();
    assertThat(result.output()).contains("scripts/stop.sh").contains(var.toString());
  }

  @Test
  void stopEndsTheProcessOfAPidFileAndIsHarmlessTwice() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "300").start();
    Path pidFile = Files.createDirectories(var.resolve("run")).resolve("worker.pid");
    Files.writeString(pidFile, sleeper.pid() + "\n");
    try {
      Commands.Result first = run("stop.sh", "--keep-workloads", "worker");

      assertThat(first.ok()).as(first.output()).isTrue();
      assertThat(first.output()).contains("worker stopped (pid " + sleeper.pid() + ")");
      assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(pidFile).doesNotExist();

      Commands.Result second = run("stop.sh");
      assertThat(second.ok()).as(second.output()).isTrue();
      assertThat(second.output())
          .contains("worker is not running", "cluster is not running", "root is not running");
    } finally {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void aStalePidFileIsRemoved() throws IOException {
    Path pidFile = Files.createDirectories(var.resolve("run")).resolve("root.pid");
    // A pid far above the kernel's default pid_max names no process.
    Files.writeString(pidFile, "999999999\n");

    Commands.Result result = run("stop.sh", "root");

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output()).contains("root is not running");
    assertThat(pidFile).doesNotExist();
  }
}
