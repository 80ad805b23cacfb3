package io.canopy.root.metrics;

import io.canopy.root.channel.CommandOutbox;
import io.canopy.root.cluster.ClusterDocument;
import io.canopy.root.cluster.ClusterProperties;
import io.canopy.root.cluster.ClusterStore;
import io.canopy.root.instance.InstanceStore;
import io.canopy.wire.InstanceState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The root's store-backed gauges on {@code /actuator/prometheus}: {@code canopy_instances{state}},
 * {@code canopy_clusters{state="active|inactive"}} and {@code canopy_channel_pending_commands}.
 * They are counted in the background every {@value #REFRESH_MS} ms, so a scrape only reads numbers
 * and never waits for the store. Counters and histograms live where their events happen
 * (scheduling, channel, instance reports).
 */
@Component
class RootGauges implements MeterBinder {
  static final long REFRESH_MS = 2000;
  private static final Logger log = LoggerFactory.getLogger(RootGauges.class);

  private final InstanceStore instances;
  private final ClusterStore clusters;
  private final CommandOutbox outbox;
  private final ClusterProperties properties;
  private final Clock clock;
  private volatile Snapshot snapshot = new Snapshot(Map.of(), 0, 0, 0);

  /** One count of everything the gauges show. */
  record Snapshot(
      Map<InstanceState, Long> instances,
      long activeClusters,
      long inactiveClusters,
      long pending) {}

  RootGauges(
      InstanceStore instances,
      ClusterStore clusters,
      CommandOutbox outbox,
      ClusterProperties properties,
      Clock clock) {
    this.instances = instances;
    this.clusters = clusters;
    this.outbox = outbox;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (InstanceState state : InstanceState.values()) {
      Gauge.builder("canopy.instances", () -> snapshot.instances().getOrDefault(state, 0L))
          .tag("state", state.name())
          .description("instances by lifecycle state")
          .register(registry);
    }
    Gauge.builder("canopy.clusters", () -> snapshot.activeClusters())
        .tag("state", "active")
        .description("registered clusters; active = reported within the heartbeat timeout")
        .register(registry);
    Gauge.builder("canopy.clusters", () -> snapshot.inactiveClusters())
        .tag("state", "inactive")
        .description("registered clusters; active = reported within the heartbeat timeout")
        .register(registry);
    Gauge.builder("canopy.channel.pending.commands", () -> snapshot.pending())
        .description("deploy and undeploy commands not yet acknowledged by their cluster")
        .register(registry);
  }

  @Scheduled(fixedDelay = REFRESH_MS)
  void refresh() {
    try {
      snapshot = count();
    } catch (RuntimeException e) {
      // the store is away: keep showing the last count rather than failing scrapes
      log.warn("Counting for the metrics failed: {}", e.toString());
    }
  }

  Snapshot count() {
    Instant now = clock.instant();
    List<ClusterDocument> all = clusters.all();
    long active = all.stream().filter(c -> c.activeAt(now, properties.heartbeatTimeout())).count();
    return new Snapshot(
        instances.countByState(), active, all.size() - active, outbox.unacknowledged());
  }
}
