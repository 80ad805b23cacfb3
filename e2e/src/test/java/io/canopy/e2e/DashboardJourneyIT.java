package io.canopy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.FreePorts;
import io.canopy.testsupport.Requirements;
import io.canopy.testsupport.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's whole user journey in Debian's Chromium (playwright-core, driven by {@code
 * dashboard/e2e/journey.mjs}) against a real root, cluster and worker. Screenshots of every page
 * land in {@code e2e/target/dashboard-screenshots}.
 */
class DashboardJourneyIT {

  @Test
  void aUserDeploysWatchesAndUndeploysAServiceInTheBrowser(@TempDir Path work) throws Exception {
    String node = Requirements.require("node", "Install it: apt-get install nodejs");
    Requirements.require("chromium", "Install it: apt-get install chromium");
    Path dashboard = Jars.repo().resolve("dashboard");
    if (!Files.isDirectory(dashboard.resolve("node_modules/playwright-core"))) {
      throw new AssertionError(
          "dashboard/node_modules/playwright-core is missing: build the dashboard first"
              + " (mvn -B verify -pl dashboard runs npm ci)");
    }
    TestImages.busybox();
    Path screenshots = Jars.repo().resolve("e2e/target/dashboard-screenshots");
    Path log = Jars.repo().resolve("e2e/target/e2e-logs/dashboard-journey.log");
    Files.createDirectories(log.getParent());
    try (CanopyStack stack = new CanopyStack(work).startRoot().startCluster("browser")) {
      stack.startWorker("bw1");
      ProcessBuilder journey =
          new ProcessBuilder(node, "e2e/journey.mjs")
              .directory(dashboard.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      journey.environment().put("CANOPY_URL", stack.rootUrl());
      journey.environment().put("CANOPY_USER", "Admin");
      journey.environment().put("CANOPY_PASSWORD", CanopyStack.ADMIN_PASSWORD);
      journey.environment().put("CANOPY_SCREENSHOTS", screenshots.toString());
      journey.environment().put("CANOPY_TEST_IMAGE", TestImages.BUSYBOX);
      journey.environment().put("CANOPY_HOST_PORT", String.valueOf(FreePorts.next()));
      journey.environment().put("CANOPY_TIMEOUT_S", "120");
      Process process = journey.start();
      boolean ended = process.waitFor(5, TimeUnit.MINUTES);
      if (!ended) {
        process.destroyForcibly();
      }
      String output = read(log);
      assertThat(ended).as("journey finished within 5 minutes:\n" + output).isTrue();
      assertThat(process.exitValue()).as("journey output:\n%s\n%s", output, stack.logs()).isZero();
    }
    try (var shots = Files.list(screenshots)) {
      assertThat(shots.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThan(5);
    }
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
