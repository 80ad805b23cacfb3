package io.canopy.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.node.runtime.RuntimeStats;
import io.canopy.wire.InstanceState;
import io.canopy.wire.node.Fingerprint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} as Prometheus scrapes it: the names of docs/operations.md, from memory. */
class MetricsEndpointTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final CountDownLatch daemonAnswers = new CountDownLatch(1);
  private final AtomicInteger statsCalls = new AtomicInteger();
  private final NodeMetrics metrics = new NodeMetrics();
  private HealthServer server;

  @AfterEach
  void stop() {
    daemonAnswers.countDown();
    if (server != null) {
      server.close();
    }
  }

  /** A node with one RUNNING and one DEAD instance whose Docker daemon hangs until released. */
  private HealthServer start() {
    HealthSources sources =
        new HealthSources(
            () -> "node-1",
            "worker-1",
            () -> true,
            () -> List.of("container"),
            () -> Map.of(InstanceState.RUNNING, 1L, InstanceState.DEAD, 1L),
            () -> {
              statsCalls.incrementAndGet();
              await(daemonAnswers);
              return Map.of("inst-\"1\"", new RuntimeStats(64L << 20, 128L << 20, 12.5));
            });
    server = new HealthServer(0, sources, metrics);
    server.start();
    return server;
  }

  @Test
  void aScrapeShowsTheAgreedSeriesWithTheirValues() throws Exception {
    start();
    metrics.received();
    metrics.received();
    metrics.published();
    metrics.reconnected();
    metrics.reported(host(37.5, 8192, 2048));

    String text = scrape();

    assertThat(text)
        .contains("canopy_node_instances{state=\"RUNNING\"} 1\n")
        .contains("canopy_node_instances{state=\"DEAD\"} 1\n")
        .contains("canopy_node_instances{state=\"CREATING\"} 0\n")
        .contains("canopy_node_cpu_percent 37.5\n")
        .contains("canopy_node_memory_total_bytes " + 8192L * 1024 * 1024 + "\n")
        .contains("canopy_node_memory_used_bytes " + (8192L - 2048) * 1024 * 1024 + "\n")
        .contains("canopy_mqtt_messages_total{direction=\"in\"} 2\n")
        .contains("canopy_mqtt_messages_total{direction=\"out\"} 1\n")
        .contains("canopy_mqtt_reconnects_total 1\n")
        .contains("canopy_node_reports_total 1\n")
        .contains("# TYPE canopy_mqtt_messages_total counter\n")
        .contains("# TYPE canopy_node_cpu_percent gauge\n")
        .containsPattern("jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"} [1-9]")
        .containsPattern("jvm_memory_used_bytes\\{area=\"nonheap\",id=\"[^\"]+\"} [1-9]")
        .containsPattern("process_resident_memory_bytes [1-9]");
  }

  @Test
  void beforeTheFirstReportTheHostSeriesAreAbsentNotZero() throws Exception {
    start();

    assertThat(scrape())
        .doesNotContain("canopy_node_cpu_percent")
        .doesNotContain("canopy_node_memory_used_bytes")
        .contains("canopy_mqtt_messages_total{direction=\"in\"} 0\n");
  }

  @Test
  void aScrapeAnswersWhileTheDockerDaemonHangsAndShowsItsStatsOnceItAnswers() throws Exception {
    start();
    long started = System.nanoTime() + WAIT.toNanos();
    while (statsCalls.get() == 0 && System.nanoTime() < started) {
      Thread.sleep(10); // the sample begun at start is now waiting for the daemon
    }

    // The daemon has not answered: the scrape is served from memory, without instance stats.
    String first = scrape();
    assertThat(first).contains("canopy_node_instances{state=\"RUNNING\"} 1\n");
    assertThat(first).doesNotContain("canopy_node_instance_memory_bytes{");
    assertThat(scrape()).doesNotContain("canopy_node_instance_memory_bytes{");
    assertThat(statsCalls).as("one background sample at a time").hasValue(1);

    daemonAnswers.countDown();
    long end = System.nanoTime() + WAIT.toNanos();
    String text = first;
    while (!text.contains("canopy_node_instance_memory_bytes{") && System.nanoTime() < end) {
      Thread.sleep(50);
      text = scrape();
    }
    assertThat(text)
        .contains("canopy_node_instance_memory_bytes{instance=\"inst-\\\"1\\\"\"} " + (64L << 20))
        .contains("canopy_node_instance_cpu_percent{instance=\"inst-\\\"1\\\"\"} 12.5")
        .contains("canopy_node_runtime_up{runtime=\"container\"} 1");
  }

  private String scrape() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .timeout(WAIT)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
    return response.body();
  }

  private static Fingerprint host(double cpu, long totalMb, long availableMb) {
    return new Fingerprint(
        "h", "amd64", "Linux", 2, cpu, totalMb, availableMb, 1000, 500, List.of(), List.of(), null);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
