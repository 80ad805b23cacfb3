package io.canopy.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.Commands;
import io.canopy.testsupport.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compose files: docker-compose accepts them, and what they mount and publish is real. */
class ComposeFilesIT {
  private static final Pattern PUBLISHED = Pattern.compile("published: (\\d+)");
  private static final Pattern BIND_SOURCE =
      Pattern.compile("^\\s*- (/[^:]+):/", Pattern.MULTILINE);
  // docker-compose takes a second or two per call: each file is rendered once per test run.
  private static final Map<String, Commands.Result> CONFIGS = new ConcurrentHashMap<>();

  private static String compose() {
    return Requirements.require("docker-compose", "Install it: apt-get install docker-compose");
  }

  /** {@code docker-compose config} of a file, with the settings cluster.yml insists on. */
  private static Commands.Result config(String file) {
    return CONFIGS.computeIfAbsent(file, ComposeFilesIT::render);
  }

  private static Commands.Result render(String file) {
    return Commands.run(
        List.of(
            "env",
            "CANOPY_ROOT_URL=http://root.example:10000",
            compose(),
            "-f",
            OpsFiles.dockerCompose().resolve(file).toString(),
            "config"),
        120);
  }

  @ParameterizedTest
  @ValueSource(strings = {"root.yml", "cluster.yml", "1-doc.yml"})
  void dockerComposeAcceptsTheFile(String file) {
    Commands.Result result = config(file);

    assertThat(result.ok()).as("docker-compose -f %s config:\n%s", file, result.output()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"root.yml", "cluster.yml", "1-doc.yml"})
  void everyBindMountedFileExistsAndEveryPublishedPortIsDocumented(String file) throws IOException {
    String output = config(file).output();
    String readme = Files.readString(OpsFiles.dockerCompose().resolve("README.md"));

    List<String> sources = new ArrayList<>();
    Matcher bind = BIND_SOURCE.matcher(output);
    while (bind.find()) {
      sources.add(bind.group(1));
    }
    assertThat(sources).as("bind mounts of " + file).isNotEmpty();
    assertThat(sources).allSatisfy(source -> assertThat(Path.of(source)).exists());

    Matcher published = PUBLISHED.matcher(output);
    List<String> ports = new ArrayList<>();
    while (published.find()) {
      ports.add(published.group(1));
    }
    assertThat(ports).as("published ports of " + file).isNotEmpty();
    assertThat(ports).allSatisfy(port -> assertThat(readme).contains("| " + port + " "));
  }

  @Test
  void clusterFileNamesTheRootUrlWhenItIsMissing() {
    Commands.Result result =
        Commands.run(
            List.of(
                "env",
                "-u",
                "CANOPY_ROOT_URL",
                compose(),
                "-f",
                OpsFiles.dockerCompose().resolve("cluster.yml").toString(),
                "config"),
            120);

    assertThat(result.ok()).isFalse();
    assertThat(result.output()).contains("set CANOPY_ROOT_URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"root-orchestrator", "cluster-orchestrator"})
  void dockerfilesRunTheTiersJarOnAJava21Runtime(String module) throws IOException {
    String tier = module.substring(0, module.indexOf('-'));
    String dockerfile = Files.readString(OpsFiles.dockerCompose().resolve("Dockerfile." + tier));

    assertThat(dockerfile).contains("FROM eclipse-temurin:21-jre");
    assertThat(dockerfile)
        .contains(
            "ARG JAR="
                + module
                + "/target/"
                + module
                + "-"
                + System.getProperty("canopy.version", "0.1.0-SNAPSHOT")
                + ".jar");
    assertThat(dockerfile).contains("HEALTHCHECK").contains("/actuator/health");
  }
}
