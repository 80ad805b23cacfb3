package io.canopy.node;

import com.github.dockerjava.api.DockerClient;
import io.canopy.node.config.NodeConfig;
import io.canopy.node.fingerprint.GpuProbe;
import io.canopy.node.fingerprint.HostProbe;
import io.canopy.node.http.HealthServer;
import io.canopy.node.http.HealthSources;
import io.canopy.node.http.NodeMetrics;
import io.canopy.node.instance.InstanceNetwork;
import io.canopy.node.instance.InstanceService;
import io.canopy.node.instance.NodeCommands;
import io.canopy.node.instance.UsageSampler;
import io.canopy.node.mqtt.MqttLink;
import io.canopy.node.registration.IdentityStore;
import io.canopy.node.registration.Registrar;
import io.canopy.node.runtime.Runtimes;
import io.canopy.node.runtime.WorkloadRuntime;
import io.canopy.node.runtime.docker.DockerClients;
import io.canopy.node.runtime.docker.DockerRuntime;
import io.canopy.wire.InstanceUsage;
import io.canopy.wire.WireJson;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.node.Fingerprint;
import io.canopy.wire.node.NodeMessage;
import io.canopy.wire.node.NodeRegistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's node engine: registers, reattaches to its workloads, connects to MQTT, applies the
 * cluster's commands and reports. Closing it leaves the workloads running (a restarted engine
 * reattaches to them).
 */
public final class NodeEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeEngine.class);

  /** How long a /metrics sample waits for the runtimes' figures. */
  private static final Duration STATS_WAIT = Duration.ofSeconds(5);

  private final NodeConfig config;
  private final InstanceNetwork network;
  private final NodeMetrics metrics = new NodeMetrics();
  private final ScheduledExecutorService reporter =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("reporter").factory());
  private volatile boolean closed;
  private volatile String nodeId;
  private volatile Duration interval;
  private HealthServer http;
  private DockerClient docker;
  private HostProbe probe;
  private final List<RuntimeFactory> extraRuntimes;
  private Runtimes runtimes;
  private MqttLink link;
  private InstanceService instances;
  private NodeCommands commands;
  private volatile UsageSampler usage;

  private NodeEngine(
      NodeConfig config, InstanceNetwork network, List<RuntimeFactory> extraRuntimes) {
    this.config = config;
    this.network = network;
    this.extraRuntimes = List.copyOf(extraRuntimes);
  }

  /** Makes a runtime once the node id is known (every workload carries it). */
  public interface RuntimeFactory {
    WorkloadRuntime create(String nodeId);
  }

  /** Starts an engine whose containers use Docker's default bridge only. */
  public static NodeEngine start(NodeConfig config) {
    return start(config, InstanceNetwork.DEFAULT_BRIDGE);
  }

  /** Starts an engine that wires each workload into the overlay through {@code network}. */
  public static NodeEngine start(NodeConfig config, InstanceNetwork network) {
    return start(config, network, List.of());
  }

  /**
   * Starts an engine with Docker, the libvirt runtime when the config asks for it and libvirtd
   * answers, and further runtimes; each instance goes to the runtime of its SLA's virtualization.
   */
  public static NodeEngine start(
      NodeConfig config, InstanceNetwork network, List<RuntimeFactory> extraRuntimes) {
    NodeEngine engine = new NodeEngine(config, network, extraRuntimes);
    try {
      engine.run();
      return engine;
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  private void run() {
    Path dataDir = config.dataDir();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data dir " + dataDir, e);
    }
    docker = DockerClients.open(config.dockerHost());
    // decided once, before registering, so a worker without libvirt says why right away
    List<RuntimeFactory> configured = Unikernels.configured(config, network);
    probe =
        new HostProbe(
            dataDir,
            Path.of("/proc"),
            new GpuProbe(),
            this::runtimesNow,
            config.underlayAddress(),
            config.clusterUrl());
    http = new HealthServer(config.metricsPort(), healthSources(), metrics);
    http.start();

    NodeRegistration.Accepted identity;
    try (Registrar registrar =
        new Registrar(
            config.clusterUrl(), config.joinToken(), config.name(), new IdentityStore(dataDir))) {
      identity = registrar.register(probe.sample(), () -> !closed);
    }
    String id = identity.nodeId();

    List<WorkloadRuntime> all = new ArrayList<>();
    all.add(
        new DockerRuntime(
            docker,
            id,
            config.pullTimeout(),
            network.providesContainerNetwork()
                ? DockerRuntime.Networking.OVERLAY
                : DockerRuntime.Networking.DOCKER_BRIDGE));
    extraRuntimes.forEach(f -> all.add(f.create(id)));
    configured.forEach(f -> all.add(f.create(id)));
    runtimes = new Runtimes(all);
    String broker = config.mqttUrl() != null ? config.mqttUrl() : identity.mqttUrl();
    if (broker == null || broker.isBlank()) {
      throw new IllegalStateException("the cluster gave no MQTT broker URL; set --mqtt-url");
    }
    link =
        new MqttLink(
            broker,
            id,
            identity.mqttUsername() != null ? identity.mqttUsername() : id,
            identity.mqttPassword(),
            metrics,
            payload -> commands.accept(payload),
            this::applyNetworkTable,
            () -> reportNow(false));
    instances =
        new InstanceService(
            runtimes,
            dataDir,
            network,
            link,
            id,
            config.name(),
            probe::underlayAddress,
            config.stopGrace());
    commands = new NodeCommands(instances, link);
    usage = new UsageSampler(instances::running, runtimes);
    instances.reattach();
    runtimes.all().forEach(r -> r.watch(instances));
    nodeId = id;
    link.connect();

    interval = reportInterval(identity);
    reporter.scheduleAtFixedRate(
        this::reportSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "node engine {} ({}) up: reports every {} ms, health on :{}",
        id,
        config.name(),
        interval.toMillis(),
        http.port());
  }

  private void applyNetworkTable(byte[] payload) {
    try {
      network.apply(WireJson.mapper().readValue(payload, NetworkTable.class));
    } catch (RuntimeException e) {
      // a bad table must not take the engine down; the cluster sends the next one
      log.warn("could not apply the network table: {}", e.getMessage());
      return;
    }
    instances.attachUnaddressed();
  }

  /** The cluster's period when it sets one, unless ours is shorter (it counts missed reports). */
  private Duration reportInterval(NodeRegistration.Accepted identity) {
    Duration ours = config.reportInterval();
    if (identity.reportIntervalMillis() > 0) {
      Duration theirs = Duration.ofMillis(identity.reportIntervalMillis());
      return theirs.compareTo(ours) < 0 ? theirs : ours;
    }
    return ours;
  }

  private List<String> runtimesNow() {
    Runtimes r = runtimes;
    if (r != null) {
      return r.answering();
    }
    // before registration only Docker exists (the others need the node id)
    return DockerRuntime.ping(docker) ? List.of(DockerRuntime.KIND) : List.of();
  }

  private void reportSafely() {
    try {
      if (link.connected()) {
        reportNow(true);
      }
    } catch (RuntimeException e) {
      log.warn("report failed: {}", e.getMessage(), e);
    }
  }

  /**
   * The resource report and the full instance list; also sent right after each (re)connect. The
   * periodic list carries the running instances' usage, sampled after the report went out (the
   * report is the heartbeat: a slow sample must not delay it) and within half an interval.
   */
  private void reportNow(boolean withUsage) {
    Fingerprint sample = probe.sample();
    link.send(new NodeMessage.Report(nodeId, sample, Instant.now()));
    metrics.reported(sample);
    List<InstanceUsage> figures = withUsage ? usage.usage(interval.dividedBy(2)) : List.of();
    link.send(new NodeMessage.InstanceList(nodeId, instances.statuses(), Instant.now(), figures));
  }

  private HealthSources healthSources() {
    return new HealthSources(
        () -> nodeId,
        config.name(),
        () -> link != null && link.connected(),
        this::runtimesNow,
        () -> instances == null ? Map.of() : instances.countByState(),
        () -> usage == null ? Map.of() : usage.sample(STATS_WAIT));
  }

  public String nodeId() {
    return nodeId;
  }

  public int metricsPort() {
    return http.port();
  }

  @Override
  public void close() {
    closed = true;
    reporter.shutdownNow();
    if (link != null) {
      link.close();
    }
    if (instances != null) {
      instances.close();
    }
    if (runtimes != null) {
      runtimes.close();
    } else if (docker != null) {
      try {
        docker.close();
      } catch (IOException e) {
        log.debug("closing docker client: {}", e.getMessage());
      }
    }
    if (http != null) {
      http.close();
    }
  }
}
