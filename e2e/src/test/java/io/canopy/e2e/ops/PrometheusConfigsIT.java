package io.canopy.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.testsupport.Commands;
import io.canopy.testsupport.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Prometheus configurations, and the one tests adapt from them, pass promtool. */
class PrometheusConfigsIT {
  private static final Map<String, String> TARGETS =
      Map.of(
          ScrapeConfigs.ROOT_JOB, "127.0.0.1:10000",
          ScrapeConfigs.CLUSTER_JOB, "127.0.0.1:10100",
          ScrapeConfigs.WORKER_JOB, "127.0.0.1:10200");

  private static String promtool() {
    return Requirements.require("promtool", "Install it: apt-get install prometheus");
  }

  private static List<Path> shipped() throws IOException {
    try (Stream<Path> files = Files.list(OpsFiles.dockerCompose().resolve("prometheus"))) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  @Test
  void promtoolAcceptsEveryShippedConfig() throws IOException {
    List<Path> configs = shipped();
    assertThat(configs)
        .extracting(p -> p.getFileName().toString())
        .contains("root.yml", "cluster.yml", "1-doc.yml");
    for (Path config : configs) {
      Commands.Result result =
          Commands.run(List.of(promtool(), "check", "config", config.toString()), 60);
      assertThat(result.ok()).as("promtool check config %s:\n%s", config, result.output()).isTrue();
    }
  }

  @Test
  void anAdaptationOfAShippedFileThatChangedNamesWhatIsMissing() {
    assertThatThrownBy(
            () ->
                ScrapeConfigs.adapt(
                    "global:\n  scrape_interval: 30s\n", TARGETS, Duration.ofSeconds(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("adapt ScrapeConfigs");
  }

  @Test
  void theComposeFilesUseTheShippedConfigs() throws IOException {
    for (String name : List.of("root.yml", "cluster.yml", "1-doc.yml")) {
      assertThat(Files.readString(OpsFiles.dockerCompose().resolve(name)))
          .contains("--config.file=/etc/prometheus/" + name);
    }
  }

  @Test
  void theShippedConfigAdaptedToTestPortsIsValidAndKeepsItsJobs(@TempDir Path dir)
      throws IOException {
    Path config = ScrapeConfigs.writeAdapted(dir, TARGETS, Duration.ofSeconds(2));

    Commands.Result result =
        Commands.run(List.of(promtool(), "check", "config", config.toString()), 60);

    assertThat(result.ok()).as(result.output()).isTrue();
    String yaml = Files.readString(config);
    assertThat(yaml)
        .contains("job_name: canopy-root", "job_name: canopy-cluster", "job_name: canopy-worker")
        .contains("\"127.0.0.1:10000\"", "\"127.0.0.1:10100\"", "\"127.0.0.1:10200\"")
        .contains("scrape_interval: 2000ms", "scrape_timeout: 2000ms")
        .contains("metrics_path: /actuator/prometheus", "metrics_path: /metrics")
        .doesNotContain("root:10000", "host.docker.internal");
    assertThat(dir.resolve("workers/workers.yml")).exists();
  }
}
