package io.canopy.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/install-worker.sh in its --dry-run mode: it shows the unit and changes nothing. */
class InstallWorkerIT {
  private static final String TOKEN = "join-token-that-must-not-be-printed";

  @TempDir Path dir;

  private Commands.Result install(String... extra) throws IOException {
    Path jar = Files.writeString(dir.resolve("node-engine-all.jar"), "not really a jar");
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                OpsFiles.script("install-worker.sh").toString(),
                "--prefix",
                dir.resolve("opt").toString(),
                "--data-dir",
                dir.resolve("data").toString(),
                "--jar",
                jar.toString(),
                "--java",
                java().toString()));
    command.addAll(List.of(extra));
    return Commands.run(command, 60);
  }

  private static Path java() throws IOException {
    return Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
  }

  @Test
  void dryRunPrintsTheSystemdUnitAndTheSettingsWithoutTheToken() throws IOException {
    Commands.Result result =
        install(
            "--dry-run",
            "--cluster-url",
            "http://10.0.0.5:10100/",
            "--join-token",
            TOKEN,
            "--name",
            "pi1");

    assertThat(result.ok()).as(result.output()).isTrue();
    String opt = dir.resolve("opt").toString();
    assertThat(result.output())
        .contains("would write /etc/systemd/system/canopy-worker.service")
        .contains(
            "[Unit]",
            "Description=Canopy worker (node engine)",
            "After=network-online.target docker.service")
        .contains("[Service]", "EnvironmentFile=" + opt + "/worker.env", "Restart=always")
        .contains("Environment=MALLOC_ARENA_MAX=2")
        .contains(
            "ExecStart="
                + java()
                + " -XX:+UseSerialGC -Xmx48m -Xmn4m -Xss256k -XX:TieredStopAtLevel=1"
                + " -XX:CICompilerCount=1"
                + " -XX:TrimNativeHeapInterval=5000 -jar "
                + opt
                + "/node-engine.jar")
        .contains("[Install]", "WantedBy=multi-user.target")
        .contains("CANOPY_CLUSTER_URL=http://10.0.0.5:10100\n")
        .contains("CANOPY_DATA_DIR=" + dir.resolve("data"))
        .contains("CANOPY_NAME=pi1")
        .contains("would run: systemctl enable --now canopy-worker.service")
        .doesNotContain(TOKEN);
    assertThat(dir.resolve("opt")).doesNotExist();
    assertThat(dir.resolve("data")).doesNotExist();
  }

  @Test
  void noStartEnablesWithoutStarting() throws IOException {
    Commands.Result result =
        install(
            "--dry-run", "--no-start", "--cluster-url", "http://c:10100", "--join-token", TOKEN);

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(result.output())
        .contains("would run: systemctl enable canopy-worker.service")
        .doesNotContain("--now");
  }

  @Test
  void aMissingJoinTokenIsNamed() throws IOException {
    Commands.Result result = install("--dry-run", "--cluster-url", "http://10.0.0.5:10100");

    assertThat(result.ok()).isFalse();
    assertThat(result.output()).contains("--join-token is required");
  }

  @Test
  void aClusterUrlThatIsNotHttpIsRefused() throws IOException {
    Commands.Result result =
        install("--dry-run", "--cluster-url", "10.0.0.5:10100", "--join-token", TOKEN);

    assertThat(result.ok()).isFalse();
    assertThat(result.output()).contains("is not an http(s) URL");
  }

  @Test
  void helpListsEveryOption() {
    Commands.Result result =
        Commands.run(
            List.of("bash", OpsFiles.script("install-worker.sh").toString(), "--help"), 30);

    assertThat(result.ok()).isTrue();
    assertThat(result.output()).contains(ScriptOptions.of(OpsFiles.script("install-worker.sh")));
  }
}
