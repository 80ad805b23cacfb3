package io.canopy.e2e.ops;

import io.canopy.testsupport.FreePorts;
import io.canopy.testsupport.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's {@code prometheus} as a process of the test: its own port on loopback, its TSDB and log
 * in the test's folder, queried through its HTTP API ({@code /api/v1/query}) as Grafana does.
 */
public final class PrometheusServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path log;
  private final String url;

  private PrometheusServer(Process process, Path log, String url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  /** Starts Prometheus on {@code config}, keeping its data in {@code dir}; waits until ready. */
  public static PrometheusServer start(Path dir, Path config, Duration timeout) {
    String binary = Requirements.require("prometheus", "Install it: apt-get install prometheus");
    int port = FreePorts.next();
    Path log = dir.resolve("prometheus.log");
    try {
      Process process =
          new ProcessBuilder(
                  List.of(
                      binary,
                      "--config.file=" + config,
                      "--storage.tsdb.path=" + dir.resolve("data"),
                      "--web.listen-address=127.0.0.1:" + port,
                      "--log.level=warn"))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PrometheusServer server = new PrometheusServer(process, log, "http://127.0.0.1:" + port);
      server.awaitReady(timeout);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
  }

  /** The instant vector or scalar a PromQL query gives now: the API's {@code data.result}. */
  public JsonNode query(String promql) {
    String body =
        get("/api/v1/query?query=" + urlEncode(promql), 200)
            .orElseThrow(() -> new AssertionError("Prometheus refused the query " + promql));
    JsonNode answer = JSON.readTree(body);
    if (!"success".equals(answer.path("status").asString())) {
      throw new AssertionError("query " + promql + " failed: " + body);
    }
    return answer.path("data").path("result");
  }

  /** The scrape targets' health as Prometheus reports it ({@code /api/v1/targets}). */
  public JsonNode targets() {
    return JSON.readTree(get("/api/v1/targets", 200).orElseThrow()).path("data");
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitReady(Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "prometheus exited with " + process.exitValue() + ":\n" + logTail());
      }
      if (get("/-/ready", 200).isPresent()) {
        return;
      }
      sleep(200);
    }
    throw new AssertionError("prometheus not ready after " + timeout + ":\n" + logTail());
  }

  private Optional<String> get(String path, int expected) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == expected ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException notYet) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String urlEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
