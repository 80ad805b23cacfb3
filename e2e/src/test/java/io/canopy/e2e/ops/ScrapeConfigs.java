package io.canopy.e2e.ops;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prometheus scrape configurations with the job names and metrics paths the shipped dashboards
 * select on, for a test that runs Prometheus against tiers it started on loopback ports.
 */
public final class ScrapeConfigs {
  public static final String ROOT_JOB = "canopy-root";
  public static final String CLUSTER_JOB = "canopy-cluster";
  public static final String WORKER_JOB = "canopy-worker";
  public static final List<String> JOBS = List.of(ROOT_JOB, CLUSTER_JOB, WORKER_JOB);

  /** The shortest usable interval: a node engine's /metrics answers in about one second. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(2);

  private ScrapeConfigs() {}

  /**
   * A complete Prometheus configuration scraping one root, one cluster and the given workers.
   *
   * @param root the root's {@code host:port}
   * @param cluster the cluster orchestrator's {@code host:port}
   * @param workers the node engines' metrics {@code host:port}s
   * @param interval the scrape interval, at least {@link #MIN_INTERVAL} (short in tests, so rates
   *     have two samples quickly); the scrape timeout equals it
   * @throws IllegalArgumentException for a shorter interval
   */
  public static String forTiers(
      String root, String cluster, List<String> workers, Duration interval) {
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException(
          "scrape interval "
              + interval
              + " is below "
              + MIN_INTERVAL
              + ": a node engine's /metrics takes about a second to answer (it samples container"
              + " CPU), so shorter scrapes time out and the worker's series stay empty");
    }
    String every = interval.toMillis() + "ms";
    return """
        global:
          scrape_interval: %s
          scrape_timeout: %s
          evaluation_interval: %s
        scrape_configs:
          - job_name: %s
            metrics_path: /actuator/prometheus
            static_configs:
              - targets: [%s]
          - job_name: %s
            metrics_path: /actuator/prometheus
            static_configs:
              - targets: [%s]
          - job_name: %s
            metrics_path: /metrics
            static_configs:
              - targets: [%s]
        """
        .formatted(
            every,
            every,
            every,
            ROOT_JOB,
            quoted(List.of(root)),
            CLUSTER_JOB,
            quoted(List.of(cluster)),
            WORKER_JOB,
            quoted(workers));
  }

  private static String quoted(List<String> targets) {
    return targets.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "));
  }
}
