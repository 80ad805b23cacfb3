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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Prometheus configurations, and the one tests generate, pass promtool. */
class PrometheusConfigsIT {

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
  void aScrapeIntervalTheWorkerCannotAnswerInIsRefused() {
    assertThatThrownBy(
            () ->
                ScrapeConfigs.forTiers(
                    "127.0.0.1:1", "127.0.0.1:2", List.of("127.0.0.1:3"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/metrics takes about a second");
  }

  @Test
  void theComposeFilesUseTheShippedConfigs() throws IOException {
    for (String name : List.of("root.yml", "cluster.yml", "1-doc.yml")) {
      assertThat(Files.readString(OpsFiles.dockerCompose().resolve(name)))
          .contains("--config.file=/etc/prometheus/" + name);
    }
  }

  @Test
  void theGeneratedTestConfigIsValidAndUsesTheDashboardsJobs(@TempDir Path dir) throws IOException {
    String yaml =
        ScrapeConfigs.forTiers(
            "127.0.0.1:10000",
            "127.0.0.1:10100",
            List.of("127.0.0.1:10200", "127.0.0.1:10201"),
            Duration.ofSeconds(2));
    Path config = Files.writeString(dir.resolve("prometheus.yml"), yaml);

    Commands.Result result =
        Commands.run(List.of(promtool(), "check", "config", config.toString()), 60);

    assertThat(result.ok()).as(result.output()).isTrue();
    assertThat(yaml)
        .contains("job_name: canopy-root", "job_name: canopy-cluster", "job_name: canopy-worker")
        .contains("\"127.0.0.1:10200\", \"127.0.0.1:10201\"")
        .contains("scrape_interval: 2000ms", "scrape_timeout: 2000ms");
  }
}
