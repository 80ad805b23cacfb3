package io.canopy.cluster.failure;

import io.canopy.cluster.ClusterLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** The periodic checks, all on the cluster loop. */
@Component
class Sweeps implements SmartLifecycle {
  private final ClusterLoop loop;
  private final WorkerWatch watch;
  private final Restarts restarts;
  private final AtomicBoolean running = new AtomicBoolean();

  Sweeps(ClusterLoop loop, WorkerWatch watch, Restarts restarts) {
    this.loop = loop;
    this.watch = watch;
    this.restarts = restarts;
  }

  @Override
  public void start() {
    if (running.compareAndSet(false, true)) {
      loop.every(Duration.ofMillis(500), "worker sweep", watch::sweep);
      loop.every(Duration.ofMillis(500), "restart sweep", restarts::sweep);
    }
  }

  @Override
  public void stop() {
    running.set(false);
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }
}
