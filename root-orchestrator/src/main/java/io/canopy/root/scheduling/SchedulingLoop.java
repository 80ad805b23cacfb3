package io.canopy.root.scheduling;

import io.canopy.root.instance.InstanceDocument;
import io.canopy.root.instance.InstanceStore;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retries the instances no cluster could take: every {@code retryInterval}, and at once (within a
 * second) when someone kicks it, e.g. a cluster that became active or reported new capacity.
 */
@Component
public class SchedulingLoop {
  private static final Logger log = LoggerFactory.getLogger(SchedulingLoop.class);

  private final InstanceStore instances;
  private final RootScheduler scheduler;
  private final SchedulingProperties properties;
  private final AtomicBoolean kicked = new AtomicBoolean();
  private volatile Instant lastPass = Instant.EPOCH;

  SchedulingLoop(
      InstanceStore instances, RootScheduler scheduler, SchedulingProperties properties) {
    this.instances = instances;
    this.scheduler = scheduler;
    this.properties = properties;
  }

  public void kick() {
    kicked.set(true);
  }

  @Scheduled(fixedDelay = 1000, initialDelay = 1000)
  void tick() {
    Instant now = Instant.now();
    if (!kicked.getAndSet(false) && now.isBefore(lastPass.plus(properties.retryInterval()))) {
      return;
    }
    lastPass = now;
    for (InstanceDocument waiting : instances.waiting()) {
      try {
        scheduler.schedule(waiting.id());
      } catch (RuntimeException e) {
        log.error("Placing instance {} failed", waiting.id(), e);
      }
    }
  }
}
