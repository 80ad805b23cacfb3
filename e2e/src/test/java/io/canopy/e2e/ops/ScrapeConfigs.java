package io.canopy.e2e.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shipped Prometheus configuration of the 1-DOC setup ({@code
 * docker-compose/prometheus/1-doc.yml}) adapted to tiers a test started on loopback ports: the same
 * jobs, metrics paths and file discovery, only the targets and the intervals replaced. So a test
 * that scrapes with it checks the shipped file, not a copy of it.
 */
public final class ScrapeConfigs {
  public static final String ROOT_JOB = "canopy-root";
  public static final String CLUSTER_JOB = "canopy-cluster";
  public static final String WORKER_JOB = "canopy-worker";
  public static final List<String> JOBS = List.of(ROOT_JOB, CLUSTER_JOB, WORKER_JOB);

  /** The targets of the compose network as 1-doc.yml names them, by job. */
  static final Map<String, String> SHIPPED_TARGETS =
      Map.of(
          ROOT_JOB, "\"root:10000\"",
          CLUSTER_JOB, "\"cluster:10100\"",
          WORKER_JOB, "\"host.docker.internal:10200\"");

  private static final String SHIPPED_INTERVALS =
      "  scrape_interval: 15s\n  evaluation_interval: 15s\n";

  private ScrapeConfigs() {}

  public static Path shipped() {
    return OpsFiles.dockerCompose().resolve("prometheus").resolve("1-doc.yml");
  }

  /**
   * Writes the adapted configuration to {@code dir/prometheus.yml}, with the file-discovery folder
   * it names ({@code workers/}) copied next to it.
   *
   * @param targets {@code host:port} by job name; every job of {@link #JOBS}
   * @param interval scrape and evaluation interval (short in tests, so rates have two samples
   *     soon); the scrape timeout equals it
   * @return the configuration file
   * @throws IllegalStateException when the shipped file no longer has the targets or intervals this
   *     adaptation replaces (then this class must follow the file)
   */
  public static Path writeAdapted(Path dir, Map<String, String> targets, Duration interval) {
    try {
      Files.createDirectories(dir.resolve("workers"));
      try (Stream<Path> workers = Files.list(shipped().resolveSibling("workers"))) {
        for (Path f : workers.toList()) {
          Files.copy(f, dir.resolve("workers").resolve(f.getFileName()));
        }
      }
      return Files.writeString(
          dir.resolve("prometheus.yml"), adapt(Files.readString(shipped()), targets, interval));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the adapted Prometheus configuration", e);
    }
  }

  static String adapt(String shipped, Map<String, String> targets, Duration interval) {
    Map<String, String> replacements = new LinkedHashMap<>();
    String every = interval.toMillis() + "ms";
    replacements.put(
        SHIPPED_INTERVALS,
        "  scrape_interval: %s\n  scrape_timeout: %s\n  evaluation_interval: %s\n"
            .formatted(every, every, every));
    for (String job : JOBS) {
      String target = targets.get(job);
      if (target == null) {
        throw new IllegalArgumentException("no target for the job " + job + " in " + targets);
      }
      replacements.put(SHIPPED_TARGETS.get(job), "\"" + target + "\"");
    }
    String adapted = shipped;
    for (Map.Entry<String, String> r : replacements.entrySet()) {
      if (!adapted.contains(r.getKey())) {
        throw new IllegalStateException(
            shipped()
                + " no longer contains "
                + r.getKey().strip()
                + ": adapt ScrapeConfigs to it");
      }
      adapted = adapted.replace(r.getKey(), r.getValue());
    }
    return adapted;
  }
}
