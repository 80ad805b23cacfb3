package io.canopy.node.instance;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one after another per key (an instance id) and in parallel across keys, so a slow
 * image pull for one instance never holds up a stop of another, while the start, exit and stop of
 * one instance are applied in the order they arrived.
 */
final class KeyedQueue {
  private static final Logger log = LoggerFactory.getLogger(KeyedQueue.class);
  private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private final Executor pool;

  KeyedQueue(Executor pool) {
    this.pool = pool;
  }

  CompletableFuture<Void> submit(String key, Runnable task) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] mine = new CompletableFuture[1];
    tails.compute(
        key,
        (k, tail) -> {
          CompletableFuture<Void> before =
              tail == null ? CompletableFuture.completedFuture(null) : tail;
          // a failed task must not keep the ones after it from running
          mine[0] = before.exceptionally(e -> null).thenRunAsync(() -> runLogged(key, task), pool);
          return mine[0];
        });
    mine[0].whenComplete((v, e) -> tails.remove(key, mine[0]));
    return mine[0];
  }

  private static void runLogged(String key, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      // logged here, and the future fails: a command that did not apply is not acknowledged
      log.error("instance {}: {}", key, e.getMessage(), e);
      throw e;
    }
  }
}
