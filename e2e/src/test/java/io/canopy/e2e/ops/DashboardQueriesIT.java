package io.canopy.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.e2e.CanopyStack;
import io.canopy.e2e.Docker;
import io.canopy.e2e.RootApi;
import io.canopy.e2e.Slas;
import io.canopy.testsupport.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The proof that the Grafana dashboards work: a root, a cluster and a node engine run as processes,
 * Debian's Prometheus scrapes them with the shipped configuration (targets and intervals adapted),
 * an instance is deployed while it watches, and then every PromQL query of every panel of every
 * dashboard in {@code docker-compose/grafana/dashboards} must return data through Prometheus' HTTP
 * API, as Grafana would ask for it.
 */
class DashboardQueriesIT {
  private static final Duration SCRAPE = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void everyPanelQueryOfEveryDashboardReturnsDataFromRunningTiers(@TempDir Path work) {
    TestImages.busybox();
    List<Dashboards.Query> queries = Dashboards.queries();
    String app = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (CanopyStack stack =
        new CanopyStack(work.resolve("tiers"))
            .startRoot("--canopy.auth.public-metrics=true")
            .startCluster("metrics")) {
      stack.startWorker("mw1");
      Path config =
          ScrapeConfigs.writeAdapted(
              work.resolve("prometheus"),
              Map.of(
                  ScrapeConfigs.ROOT_JOB, hostPort(stack.rootUrl()),
                  ScrapeConfigs.CLUSTER_JOB, hostPort(stack.clusterUrl()),
                  ScrapeConfigs.WORKER_JOB, "127.0.0.1:" + stack.workerMetricsPort("mw1")),
              SCRAPE);
      try (PrometheusServer prometheus =
          PrometheusServer.start(work.resolve("prometheus"), config, WAIT)) {
        awaitEveryJobUp(prometheus, stack);

        // deployed while Prometheus watches, so rates and the latency histogram move
        RootApi api = stack.api();
        String appId =
            api.registerApplications(
                    Slas.application(app, Slas.service("idle", Slas.sleeperCmd(), 32, "", false)))
                .getFirst();
        String serviceId = api.serviceId(appId, "idle");
        api.deployInstance(serviceId).expect(201);
        api.awaitInstances(
            serviceId, l -> RootApi.count(l, "RUNNING") == 1, WAIT, "the instance to run");

        // Prometheus has scraped every tier since the instance runs
        awaitValue(prometheus, "sum(canopy_instances{job=\"canopy-root\", state=\"RUNNING\"})", 1);
        awaitValue(
            prometheus, "sum(canopy_instances{job=\"canopy-cluster\", state=\"RUNNING\"})", 1);
        awaitValue(
            prometheus, "sum(canopy_node_instances{job=\"canopy-worker\", state=\"RUNNING\"})", 1);
        awaitValue(prometheus, "sum(canopy_deploy_latency_seconds_count{job=\"canopy-root\"})", 1);

        Map<Dashboards.Query, JsonNode> answers = awaitData(prometheus, queries);
        assertThat(prometheus.query("canopy_no_such_series{job=\"canopy-root\"}"))
            .as("a series no tier exports has no data: the check below can fail")
            .isEmpty();
        List<String> empty = new ArrayList<>();
        answers.forEach(
            (q, result) -> {
              if (result.isEmpty()) {
                empty.add(q.toString());
              }
            });
        assertThat(empty)
            .as(
                "panel queries without data after %s (of %d):\n%s\ntargets: %s\n%s",
                WAIT, queries.size(), String.join("\n", empty), prometheus.targets(), stack.logs())
            .isEmpty();
        // the headline panel shows a real latency, not NaN: the rate saw the deploy
        double p95 =
            number(
                prometheus.query(
                    "histogram_quantile(0.95, sum by (le) (rate("
                        + "canopy_deploy_latency_seconds_bucket{job=\"canopy-root\"}[5m])))"));
        assertThat(p95).as("deploy latency p95 in seconds").isFinite().isPositive();
        api.deleteApplication(appId).expect(200);
      }
    } finally {
      Docker.removeForcibly(Docker.containersWithLabel("io.canopy.service", app + ".e2e.idle.e2e"));
    }
  }

  /** Waits until Prometheus has scraped each job successfully once. */
  private static void awaitEveryJobUp(PrometheusServer prometheus, CanopyStack stack) {
    long end = System.nanoTime() + WAIT.toNanos();
    JsonNode up = prometheus.query("up");
    while (System.nanoTime() < end) {
      up = prometheus.query("up");
      long healthy = 0;
      for (JsonNode series : up) {
        if (ScrapeConfigs.JOBS.contains(series.path("metric").path("job").asString())
            && series.path("value").get(1).asString().equals("1")) {
          healthy++;
        }
      }
      if (healthy == ScrapeConfigs.JOBS.size()) {
        return;
      }
      PrometheusServer.sleep(500);
    }
    throw new AssertionError(
        "not every job up after " + WAIT + ": " + up + "\n" + prometheus.targets() + stack.logs());
  }

  /**
   * Asks every query until it has data or the time is up: a rate needs two samples after the series
   * appeared, so data arrives within a few scrape intervals.
   */
  private static Map<Dashboards.Query, JsonNode> awaitData(
      PrometheusServer prometheus, List<Dashboards.Query> queries) {
    Map<Dashboards.Query, JsonNode> answers = new LinkedHashMap<>();
    long end = System.nanoTime() + WAIT.toNanos();
    while (true) {
      for (Dashboards.Query q : queries) {
        JsonNode known = answers.get(q);
        if (known == null || known.isEmpty()) {
          answers.put(q, prometheus.query(q.expr()));
        }
      }
      boolean all = answers.values().stream().noneMatch(JsonNode::isEmpty);
      if (all || System.nanoTime() > end) {
        return answers;
      }
      PrometheusServer.sleep(SCRAPE.toMillis());
    }
  }

  /** Waits until the one-series query gives {@code expected}. */
  private static void awaitValue(PrometheusServer prometheus, String query, double expected) {
    long end = System.nanoTime() + WAIT.toNanos();
    JsonNode result = prometheus.query(query);
    while (result.size() != 1 || number(result) != expected) {
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "Prometheus did not show "
                + query
                + " == "
                + expected
                + " within "
                + WAIT
                + ": "
                + result);
      }
      PrometheusServer.sleep(500);
      result = prometheus.query(query);
    }
  }

  /** The value of a one-series answer. */
  private static double number(JsonNode result) {
    assertThat(result).as("one series: %s", result).hasSize(1);
    return Double.parseDouble(result.get(0).path("value").get(1).asString());
  }

  private static String hostPort(String url) {
    return url.replaceFirst("^https?://", "");
  }
}
