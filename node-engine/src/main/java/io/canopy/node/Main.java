package io.canopy.node;

import io.canopy.node.config.NetworkSettings;
import io.canopy.node.config.NodeConfig;
import io.canopy.node.config.NodeConfigReader;
import io.canopy.node.overlay.Overlays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar node-engine-all.jar --cluster-url URL --join-token TOKEN}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(NodeConfigReader.USAGE);
      return;
    }
    NodeConfig config;
    NetworkSettings network;
    try {
      config = NodeConfigReader.read(args, System.getenv());
      network = NodeConfigReader.network(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("node-engine: " + e.getMessage());
      System.err.print(NodeConfigReader.USAGE);
      System.exit(2);
      return;
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    NodeEngine engine;
    try {
      engine = NodeEngine.start(config, Overlays.choose(config, network));
    } catch (RuntimeException e) {
      // a refused token, a taken metrics port, an unreadable data dir…: say so and stop
      String cause = e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")";
      log.error("node engine cannot start: {}{}", e.getMessage(), cause);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // workloads keep running: a restarted engine reattaches to them
                  engine.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
