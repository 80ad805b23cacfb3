package io.canopy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Canopy tier running as its own operating-system process, as in production: started with
 * {@code java -jar}, its output in a log file under {@code target/e2e-logs}, awaited until its
 * health URL answers, and stopped with SIGTERM — or killed with SIGKILL to simulate a crash.
 */
final class TierProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  TierProcess(String name, List<String> command, Map<String, String> environment, Path logDir) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = logDir.resolve(name + ".log");
  }

  TierProcess start() {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      process = builder.start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + command, e);
    }
  }

  /** Waits until {@code url} answers 200, failing with the tail of the log if it never does. */
  TierProcess awaitHealthy(String url, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      sleep(200);
    }
    throw new AssertionError(
        name + " not healthy at " + url + " after " + timeout + ":\n" + logTail());
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: the process gets no chance to say goodbye (no MQTT DISCONNECT, no cleanup). */
  void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitForExit(10);
    }
  }

  /** SIGTERM, then SIGKILL if it does not exit within 20 seconds. */
  void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitForExit(20)) {
        kill();
      }
    }
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  String name() {
    return name;
  }

  private boolean waitForExit(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
    stop();
  }
}
