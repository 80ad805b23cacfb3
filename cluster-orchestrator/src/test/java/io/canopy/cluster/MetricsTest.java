package io.canopy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.PrometheusScrape;
import io.canopy.wire.InstanceState;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.RootCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@code /actuator/prometheus} as an operator's Prometheus sees it: the cluster's series of
 * docs/operations.md with the values the "Cluster" dashboard shows. Other tests share the context,
 * so counts are compared before and after.
 */
class MetricsTest extends ClusterTestBase {
  private static final double MIB = 1024 * 1024;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aDeployedInstanceAndItsWorkerShowInTheSeriesADashboardGraphs() throws Exception {
    // the gauges count every resources interval: wait until they show no worker active
    PrometheusScrape before = awaitScrape(x -> x.value("canopy_workers", "state", "active") == 0);
    FakeWorker w = worker("metrics-a", 4, 8192);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 1, 512, "")));
    awaitState(id, InstanceState.RUNNING);

    PrometheusScrape s =
        awaitScrape(
            x ->
                x.value("canopy_instances", "state", "RUNNING")
                        == before.value("canopy_instances", "state", "RUNNING") + 1
                    // counted every resources interval, one gauge after the other: a scrape may
                    // fall in the middle of a count
                    && x.sum("canopy_worker_cpu_percent", "node", w.nodeId).isPresent()
                    && x.sum("canopy_worker_memory_used_bytes", "node", w.nodeId).isPresent()
                    && x.sum("canopy_worker_memory_total_bytes", "node", w.nodeId).isPresent()
                    && x.value("canopy_workers", "state", "active") >= 1);

    assertThat(s.value("canopy_worker_cpu_percent", "node", w.nodeId)).isEqualTo(5.0);
    assertThat(s.value("canopy_worker_memory_total_bytes", "node", w.nodeId)).isEqualTo(8192 * MIB);
    assertThat(s.value("canopy_worker_memory_used_bytes", "node", w.nodeId)).isEqualTo(4096 * MIB);
    assertThat(s.value("canopy_scheduling_results_total", "tier", "cluster", "result", "placed"))
        .isGreaterThanOrEqualTo(
            before.value("canopy_scheduling_results_total", "tier", "cluster", "result", "placed")
                + 1);
    assertThat(
            s.value("canopy_scheduling_duration_seconds_bucket", "tier", "cluster", "le", "+Inf"))
        .isEqualTo(s.value("canopy_scheduling_duration_seconds_count", "tier", "cluster"))
        .isPositive();
    assertThat(s.value("canopy_mqtt_messages_total", "direction", "in"))
        .isGreaterThan(before.value("canopy_mqtt_messages_total", "direction", "in"));
    assertThat(s.value("canopy_mqtt_messages_total", "direction", "out"))
        .isGreaterThan(before.value("canopy_mqtt_messages_total", "direction", "out"));
    assertThat(s.value("canopy_mqtt_reconnects_total")).isNotNegative();
    assertThat(s.value("canopy_channel_pending_commands")).isZero();
    assertThat(s.value("http_server_requests_seconds_count")).isPositive();
    assertThat(s.value("jvm_memory_used_bytes", "area", "heap")).isPositive();

    // a lost worker counts as lost, and its CPU and memory series go away with it
    w.crash();
    PrometheusScrape lost =
        awaitScrape(
            x ->
                x.value("canopy_workers", "state", "lost")
                        >= before.value("canopy_workers", "state", "lost") + 1
                    && x.sum("canopy_worker_cpu_percent", "node", w.nodeId).isEmpty());
    assertThat(lost.sum("canopy_worker_memory_used_bytes", "node", w.nodeId)).isEmpty();
  }

  @Test
  void statusChangesWhileTheRootIsAwayArePendingUntilTheSyncRequestCarriesThem() throws Exception {
    FakeWorker w = worker("metrics-b", 4, 8192);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 1, 512, "")));
    awaitState(id, InstanceState.RUNNING);
    PrometheusScrape before = awaitScrape(x -> x.value("canopy_cluster_root_connected") == 1);
    assertThat(before.value("canopy_channel_pending_commands")).isZero();

    try {
      ROOT.away(true);
      ROOT.dropChannel();
      awaitScrape(x -> x.value("canopy_cluster_root_connected") == 0);
      w.autoRun(false);
      w.status(id, InstanceState.DEAD, 137);
      awaitScrape(x -> x.value("canopy_channel_pending_commands") == 1);
    } finally {
      ROOT.away(false);
    }

    ROOT.await(
        ClusterMessage.SyncRequest.class,
        sync -> sync.observed().stream().anyMatch(st -> st.instanceId().equals(id)),
        WAIT);
    PrometheusScrape back =
        awaitScrape(
            x ->
                x.value("canopy_channel_pending_commands") == 0
                    && x.value("canopy_cluster_root_connected") == 1);
    assertThat(back.value("canopy_channel_reconnects_total"))
        .isEqualTo(before.value("canopy_channel_reconnects_total") + 1);
  }

  private PrometheusScrape scrape() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(clusterUrl() + "/actuator/prometheus")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new PrometheusScrape(response.body());
  }

  private PrometheusScrape awaitScrape(Predicate<PrometheusScrape> until) throws Exception {
    long end = System.nanoTime() + WAIT.toNanos();
    PrometheusScrape last = scrape();
    while (!until.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "the scrape did not get there within " + WAIT + ":\n" + last.text());
      }
      Thread.sleep(100);
      last = scrape();
    }
    return last;
  }
}
