package io.canopy.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one thread on which every state change of the cluster happens: root commands, worker messages
 * and timers are queued here. A single writer means placements never race each other for the same
 * worker capacity, and every store update stays a plain single-document write.
 */
@Component
public class ClusterLoop implements SmartLifecycle, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterLoop.class);

  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cluster-loop");
            t.setDaemon(true);
            return t;
          });

  private volatile boolean running;

  public void run(String what, Runnable task) {
    try {
      executor.execute(guarded(what, task));
    } catch (RejectedExecutionException e) {
      log.debug("shutting down: dropped {}", what);
    }
  }

  public void after(Duration delay, String what, Runnable task) {
    try {
      executor.schedule(guarded(what, task), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("shutting down: dropped {}", what);
    }
  }

  public void every(Duration period, String what, Runnable task) {
    try {
      executor.scheduleWithFixedDelay(
          guarded(what, task), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("shutting down: dropped {}", what);
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * Stops first when the cluster shuts down, before the MQTT client and the embedded broker go:
   * otherwise the sweeps would take the workers' silence during shutdown for lost workers and move
   * their instances.
   */
  @Override
  public void stop() {
    running = false;
    executor.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }

  /** Runs on the loop and waits for the answer (for HTTP handlers that must reply). */
  public <T> T call(Callable<T> task) {
    try {
      return executor.submit(task).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the cluster loop did not answer in 30 s", e);
    }
  }

  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // One bad message must not stop the loop that serves every other one.
        log.error("{} failed", what, e);
      }
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
