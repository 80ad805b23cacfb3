package io.canopy.testsupport;

import java.nio.file.Path;
import java.util.List;

/** A private Redis for one test on a free loopback port, with nothing saved to disk. */
public final class RedisServer implements AutoCloseable {
  private final ServerProcess process;
  private final Path dir;

  private RedisServer(ServerProcess process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  public static RedisServer start() {
    String redis = Requirements.require("redis-server", "Install it: apt-get install redis-server");
    int port = FreePorts.next();
    Path dir = TempDirs.create("canopy-redis-");
    List<String> command =
        List.of(
            redis,
            "--port",
            String.valueOf(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            dir.toString());
    return new RedisServer(ServerProcess.start("redis", command, dir, port), dir);
  }

  public int port() {
    return process.port();
  }

  /** {@code redis://127.0.0.1:PORT}, as Lettuce takes it. */
  public String url() {
    return "redis://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    process.close();
    TempDirs.deleteQuietly(dir);
  }
}
