package io.canopy.node.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.canopy.node.runtime.RuntimeStats;
import io.canopy.wire.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * {@code GET /health} (JSON; 200 when registered and connected to MQTT, else 503) and {@code GET
 * /metrics} (Prometheus text) on the metrics port. Anything else is a problem+json error. What
 * needs the runtimes' daemons (per-instance stats, which runtimes answer) reaches {@code /metrics}
 * through {@link Sampled}, so a scrape answers from memory at once.
 */
public final class HealthServer implements AutoCloseable {
  /** How old a daemon sample may be before a scrape starts the next one. */
  static final Duration SAMPLE_AGE = Duration.ofSeconds(5);

  private final HttpServer server;
  private final HealthSources sources;
  private final NodeMetrics metrics;
  private final Sampled<List<String>> runtimes;
  private final Sampled<Map<String, RuntimeStats>> stats;

  public HealthServer(int port, HealthSources sources, NodeMetrics metrics) {
    this.sources = sources;
    this.metrics = metrics;
    this.runtimes = new Sampled<>("runtimes", sources.runtimesAnswering(), SAMPLE_AGE, List.of());
    this.stats = new Sampled<>("stats", sources.stats(), SAMPLE_AGE, Map.of());
    try {
      server = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on the metrics port " + port, e);
    }
    server.setExecutor(
        Executors.newSingleThreadExecutor(Thread.ofVirtual().name("http").factory()));
    server.createContext("/", this::handle);
  }

  public void start() {
    server.start();
    // the first scrape already finds samples
    runtimes.get();
    stats.get();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals("/health") && !path.equals("/metrics")) {
        problem(exchange, 404, "Not Found", "no resource " + path + "; try /health or /metrics");
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")
          && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        problem(exchange, 405, "Method Not Allowed", path + " answers GET only");
        return;
      }
      if (path.equals("/health")) {
        health(exchange);
      } else {
        String text = PrometheusText.render(sources, metrics, runtimes.get(), stats.get());
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", text);
      }
    } catch (RuntimeException e) {
      problem(exchange, 500, "Internal Server Error", e.toString());
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    String nodeId = sources.nodeId().get();
    boolean mqtt = sources.mqttConnected().getAsBoolean();
    boolean up = nodeId != null && mqtt;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("nodeId", nodeId);
    body.put("name", sources.nodeName());
    body.put("mqttConnected", mqtt);
    body.put("runtimes", sources.runtimesAnswering().get());
    body.put("instances", sources.instances().get());
    send(exchange, up ? 200 : 503, "application/json", WireJson.mapper().writeValueAsString(body));
  }

  private static void problem(HttpExchange exchange, int status, String title, String detail)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    send(exchange, status, "application/problem+json", WireJson.mapper().writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
