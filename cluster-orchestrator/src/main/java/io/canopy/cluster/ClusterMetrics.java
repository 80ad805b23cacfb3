package io.canopy.cluster;

import io.canopy.cluster.instance.InstanceStore;
import io.canopy.cluster.mqtt.WorkerChannel;
import io.canopy.cluster.node.WorkerRecord;
import io.canopy.cluster.node.WorkerStore;
import io.canopy.cluster.root.RootLink;
import io.canopy.wire.InstanceState;
import io.canopy.wire.node.Fingerprint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The cluster's gauges on {@code /actuator/prometheus}, named as docs/operations.md lists them
 * ({@code canopy_instances}, {@code canopy_workers}, {@code canopy_worker_*}, {@code
 * canopy_channel_pending_commands}); counters live where their events happen (scheduling, MQTT,
 * root channel). The store-backed values are counted on the cluster loop every resources interval,
 * so a scrape only reads numbers and never queries the store.
 */
@Component
class ClusterMetrics implements MeterBinder, SmartLifecycle {
  private static final double MIB = 1024.0 * 1024.0;

  private final WorkerStore workers;
  private final InstanceStore instances;
  private final RootLink root;
  private final WorkerChannel mqtt;
  private final ClusterLoop loop;
  private final ClusterProperties properties;
  private volatile MultiGauge cpu;
  private volatile MultiGauge memoryUsed;
  private volatile MultiGauge memoryTotal;
  private volatile boolean running;
  private volatile Map<InstanceState, Long> instancesByState = Map.of();
  private volatile long activeWorkers;
  private volatile long lostWorkers;

  ClusterMetrics(
      WorkerStore workers,
      InstanceStore instances,
      RootLink root,
      WorkerChannel mqtt,
      ClusterLoop loop,
      ClusterProperties properties) {
    this.workers = workers;
    this.instances = instances;
    this.root = root;
    this.mqtt = mqtt;
    this.loop = loop;
    this.properties = properties;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (InstanceState state : InstanceState.values()) {
      Gauge.builder("canopy.instances", () -> instancesByState.getOrDefault(state, 0L))
          .tag("state", state.name())
          .description("instances in this cluster by lifecycle state")
          .register(registry);
    }
    Gauge.builder("canopy.workers", () -> activeWorkers)
        .tag("state", "active")
        .description("the cluster's workers")
        .register(registry);
    Gauge.builder("canopy.workers", () -> lostWorkers)
        .tag("state", "lost")
        .description("the cluster's workers")
        .register(registry);
    Gauge.builder("canopy.channel.pending.commands", root, RootLink::unsentChanges)
        .description(
            "instances whose status changes the root has not been sent yet (it is away); the"
                + " sync request after the reconnect carries them")
        .register(registry);
    Gauge.builder("canopy.cluster.root.connected", () -> root.connected() ? 1 : 0)
        .description("1 while the root channel is open")
        .register(registry);
    Gauge.builder("canopy.cluster.mqtt.connected", () -> mqtt.connected() ? 1 : 0)
        .description("1 while the cluster is connected to the MQTT broker")
        .register(registry);
    cpu =
        MultiGauge.builder("canopy.worker.cpu.percent")
            .description("CPU use a worker reports")
            .register(registry);
    memoryUsed =
        MultiGauge.builder("canopy.worker.memory.used")
            .baseUnit("bytes")
            .description("memory in use a worker reports")
            .register(registry);
    memoryTotal =
        MultiGauge.builder("canopy.worker.memory.total")
            .baseUnit("bytes")
            .description("memory a worker has")
            .register(registry);
  }

  /** Counts again; the per-worker gauges follow the workers as they come and go. */
  void refresh() {
    if (cpu == null) {
      return;
    }
    Map<InstanceState, Long> counts = new EnumMap<>(InstanceState.class);
    instances.all().forEach(r -> counts.merge(r.state(), 1L, Long::sum));
    instancesByState = counts;
    List<WorkerRecord> all = workers.all();
    activeWorkers = all.stream().filter(WorkerRecord::active).count();
    lostWorkers = all.size() - activeWorkers;
    List<WorkerRecord> reporting =
        all.stream().filter(w -> w.active() && w.fingerprint() != null).toList();
    memoryTotal.register(rows(reporting, f -> f.memoryTotalMb() * MIB), true);
    memoryUsed.register(rows(reporting, f -> (f.memoryTotalMb() - f.memoryFreeMb()) * MIB), true);
    // last: a scrape that sees a worker's CPU series (or its absence) sees its memory ones alike
    cpu.register(rows(reporting, Fingerprint::cpuPercent), true);
  }

  private static List<MultiGauge.Row<?>> rows(
      List<WorkerRecord> reporting, ToDoubleFunction<Fingerprint> value) {
    return reporting.stream()
        .<MultiGauge.Row<?>>map(
            w ->
                MultiGauge.Row.of(
                    Tags.of("node", w.nodeId()), value.applyAsDouble(w.fingerprint())))
        .toList();
  }

  @Override
  public void start() {
    running = true;
    loop.every(properties.timing().resourcesInterval(), "worker metrics", this::refresh);
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
