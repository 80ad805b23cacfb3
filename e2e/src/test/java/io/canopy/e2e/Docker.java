package io.canopy.e2e;

import io.canopy.testsupport.Commands;
import io.canopy.testsupport.TestImages;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** What the Docker engine itself says, to check Canopy's claims against. */
public final class Docker {
  private Docker() {}

  /** Ids of the containers carrying {@code label=value} (running or not). */
  public static List<String> containersWithLabel(String label, String value) {
    String out =
        Commands.check(
            List.of(
                TestImages.requireDocker(),
                "ps",
                "-a",
                "-q",
                "--no-trunc",
                "--filter",
                "label=" + label + (value == null ? "" : "=" + value)),
            30);
    return Arrays.stream(out.split("\\s+")).filter(s -> !s.isBlank()).toList();
  }

  /** Polls until no container carries the instance's label; false when one is left. */
  public static boolean awaitInstanceGone(String instanceId, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (containersWithLabel("io.canopy.instance-id", instanceId).isEmpty()) {
        return true;
      }
      TierProcess.sleep(50);
    }
    return false;
  }

  /** Ids of the running containers carrying {@code label=value}. */
  public static List<String> runningContainersWithLabel(String label, String value) {
    String out =
        Commands.check(
            List.of(
                TestImages.requireDocker(),
                "ps",
                "-q",
                "--no-trunc",
                "--filter",
                "status=running",
                "--filter",
                "label=" + label + (value == null ? "" : "=" + value)),
            30);
    return Arrays.stream(out.split("\\s+")).filter(s -> !s.isBlank()).toList();
  }

  /** The time the container last started, as Docker records it. */
  static String startedAt(String containerId) {
    return Commands.check(
            List.of(
                TestImages.requireDocker(),
                "inspect",
                "--format",
                "{{.State.StartedAt}}",
                containerId),
            30)
        .strip();
  }

  /** {@code docker inspect --format FORMAT}, stripped. */
  static String inspect(String containerId, String format) {
    return Commands.check(
            List.of(TestImages.requireDocker(), "inspect", "--format", format, containerId), 30)
        .strip();
  }

  /** Runs {@code command} in a running container ({@code docker exec}); its output, or fails. */
  static String exec(String container, String... command) {
    List<String> full =
        new java.util.ArrayList<>(List.of(TestImages.requireDocker(), "exec", container));
    full.addAll(List.of(command));
    return Commands.check(full, 120);
  }

  public static void removeForcibly(List<String> containerIds) {
    if (!containerIds.isEmpty()) {
      var command = new java.util.ArrayList<>(List.of(TestImages.requireDocker(), "rm", "-f"));
      command.addAll(containerIds);
      Commands.run(command, 60);
    }
  }
}
