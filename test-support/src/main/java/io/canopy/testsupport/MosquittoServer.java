package io.canopy.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A private Mosquitto broker for one test on a free loopback port, anonymous access allowed and
 * nothing persisted. Close it after the test.
 */
public final class MosquittoServer implements AutoCloseable {
  private final ServerProcess process;
  private final Path dir;

  private MosquittoServer(ServerProcess process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  public static MosquittoServer start() {
    String mosquitto = Requirements.require("mosquitto", "Install it: apt-get install mosquitto");
    int port = FreePorts.next();
    Path dir = TempDirs.create("canopy-mosquitto-");
    Path config = dir.resolve("mosquitto.conf");
    try {
      Files.writeString(
          config,
          String.join(
              "\n",
              "listener " + port + " 127.0.0.1",
              "allow_anonymous true",
              "persistence false",
              "max_queued_messages 10000",
              "log_dest stdout",
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MosquittoServer(
        ServerProcess.start("mosquitto", List.of(mosquitto, "-c", config.toString()), dir, port),
        dir);
  }

  public int port() {
    return process.port();
  }

  /** The broker URL as MQTT clients take it: {@code tcp://127.0.0.1:PORT}. */
  public String url() {
    return "tcp://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    process.close();
    TempDirs.deleteQuietly(dir);
  }
}
