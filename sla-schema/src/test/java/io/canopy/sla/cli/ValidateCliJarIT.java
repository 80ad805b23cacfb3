package io.canopy.sla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code -cli.jar} exists and runs on its own with {@code java -jar}. */
class ValidateCliJarIT {
  @TempDir Path dir;

  private static Path cliJar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      List<Path> jars =
          files.filter(p -> p.getFileName().toString().matches("sla-schema-.*-cli\\.jar")).toList();
      assertThat(jars)
          .as("the shaded CLI jar target/sla-schema-<version>-cli.jar (built at package)")
          .hasSize(1);
      return jars.get(0);
    }
  }

  @Test
  void jarValidatesFilesWithExitStatus() throws Exception {
    Path good = Path.of("src/test/resources/io/canopy/sla/valid/seed_clientsrvr.json");
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"sla_version\":\"v0.2\"}");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    Process process =
        new ProcessBuilder(
                java, "-jar", cliJar().toString(), "validate", good.toString(), bad.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isEqualTo(1);
    assertThat(output.lines())
        .containsExactly(
            good + ": ok",
            bad
                + ": $.sla_version: \"v0.2\" is not supported: the supported sla_version is \"v2.0\"",
            bad + ": $.customerID: is required",
            bad + ": $.applications: is required");
  }
}
