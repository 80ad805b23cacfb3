package io.canopy.e2e;

import io.canopy.testsupport.FreePorts;
import io.canopy.testsupport.MosquittoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All of Canopy on this machine, each tier its own process: a private Mosquitto, the root, one
 * cluster (or more, sharing the broker) and any number of node engines, wired together through the
 * same calls an operator makes (cluster token from the root, join token from the cluster). Workers
 * join the cluster started last unless a test names one.
 */
public final class CanopyStack implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "e2e-" + UUID.randomUUID();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path workDir;
  private final Path logDir;
  private final MosquittoServer mosquitto;
  private final int rootPort = FreePorts.next();
  private final Map<String, Integer> clusterPorts = new LinkedHashMap<>();
  private final String clusterAdminToken = "e2e-cluster-admin-" + UUID.randomUUID();
  private final Map<String, TierProcess> workers = new LinkedHashMap<>();
  private final Map<String, Integer> workerPorts = new LinkedHashMap<>();
  private final java.util.Set<String> knownNodeIds = new java.util.TreeSet<>();
  private final Map<String, List<String>> workerFlags = new LinkedHashMap<>();
  private final Map<String, String> workerClusters = new LinkedHashMap<>();
  private final Map<String, List<String>> clusterSettings = new LinkedHashMap<>();
  private final Map<String, TierProcess> clusters = new LinkedHashMap<>();
  private final Map<String, String> joinTokens = new LinkedHashMap<>();
  private TierProcess root;
  private String currentCluster;
  private RootApi rootApi;
  private String clusterToken;

  public CanopyStack(Path workDir) {
    this.workDir = workDir;
    this.logDir = Jars.repo().resolve("e2e/target/e2e-logs");
    this.mosquitto = MosquittoServer.start();
  }

  /** Starts the root; {@code extraArgs} are further Spring properties ({@code --name=value}). */
  public CanopyStack startRoot(String... extraArgs) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Jars.java(),
                "-Xmx256m",
                "-jar",
                Jars.of("root-orchestrator", "SNAPSHOT.jar").toString(),
                "--server.port=" + rootPort,
                "--canopy.data-dir=" + dir("root")));
    command.addAll(List.of(extraArgs));
    root =
        new TierProcess("root", command, Map.of("CANOPY_ADMIN_PASSWORD", ADMIN_PASSWORD), logDir)
            .start()
            .awaitHealthy(rootUrl() + "/actuator/health", START_TIMEOUT);
    rootApi = RootApi.login(rootUrl(), "Admin", ADMIN_PASSWORD);
    return this;
  }

  public CanopyStack startCluster(String name) {
    if (clusterToken == null) {
      clusterToken = rootApi.createClusterToken();
    }
    int clusterPort = clusterPorts.computeIfAbsent(name, n -> FreePorts.next());
    currentCluster = name;
    List<String> command =
        new ArrayList<>(
            List.of(
                Jars.java(),
                "-Xmx256m",
                "-jar",
                Jars.of("cluster-orchestrator", "SNAPSHOT.jar").toString(),
                "--server.port=" + clusterPort,
                // the cluster's own setting: identity, admin token and store (canopy.data-dir
                // alone would leave the identity in ./var/cluster, shared by every run)
                "--canopy.cluster.data-dir=" + dir("cluster-" + name),
                "--canopy.cluster.root-url=" + rootUrl(),
                "--canopy.cluster.registration-token=" + clusterToken,
                "--canopy.cluster.name=" + name,
                "--canopy.cluster.location=48.1374,11.5755",
                "--canopy.cluster.mqtt.url=" + mosquitto.url(),
                "--canopy.cluster.public-address=127.0.0.1"));
    command.addAll(clusterSettings.getOrDefault(name, List.of()));
    TierProcess cluster =
        new TierProcess(
                "cluster-" + name,
                command,
                Map.of("CANOPY_CLUSTER_ADMIN_TOKEN", clusterAdminToken),
                logDir)
            .start()
            .awaitHealthy(clusterUrl(name) + "/actuator/health", START_TIMEOUT);
    clusters.put(name, cluster);
    return this;
  }

  /**
   * The same with more {@code --canopy.cluster.*} settings, kept for {@link #restartCluster}; e.g.
   * a longer report interval so that a node engine restart on a loaded machine is not taken for a
   * lost worker (3 missed reports).
   */
  CanopyStack startCluster(String name, List<String> settings) {
    clusterSettings.put(name, List.copyOf(settings));
    return startCluster(name);
  }

  /** Restarts the cluster process over the same data directory (its id and state are kept). */
  CanopyStack restartCluster(String name) {
    clusters.get(name).stop();
    return startCluster(name);
  }

  public CanopyStack startWorker(String name) {
    return startWorker(name, List.of());
  }

  /**
   * A worker with further node-engine flags, e.g. {@code --unikernels=off}. Unless they name a
   * {@code --net-manager}, the worker runs without the overlay: these tests run as root, where a
   * node engine would otherwise build it in this machine's own network namespace, every worker on
   * the same bridge.
   */
  CanopyStack startWorker(String name, List<String> flags) {
    return startWorkerIn(currentCluster, name, flags);
  }

  /** A worker of the named cluster (see {@link #startWorker(String, List)}). */
  CanopyStack startWorkerIn(String clusterName, String name, List<String> flags) {
    String joinToken =
        joinTokens.computeIfAbsent(
            clusterName,
            c -> ClusterApi.createJoinToken(clusterUrl(clusterName), clusterAdminToken));
    int port = workerPorts.computeIfAbsent(name, n -> FreePorts.next());
    List<String> command =
        new ArrayList<>(
            List.of(
                Jars.java(),
                "-XX:+UseSerialGC",
                "-Xmx64m",
                "-jar",
                Jars.of("node-engine", "-all.jar").toString(),
                "--cluster-url=" + clusterUrl(clusterName),
                "--join-token=" + joinToken,
                "--data-dir=" + dir("worker-" + name),
                "--name=" + name,
                "--metrics-port=" + port));
    command.addAll(flags);
    if (flags.stream().noneMatch(flag -> flag.startsWith("--net-manager"))) {
      command.add("--net-manager=off");
    }
    workerFlags.put(name, List.copyOf(flags));
    workerClusters.put(name, clusterName);
    TierProcess worker =
        new TierProcess("worker-" + name, command, Map.of(), logDir)
            .start()
            .awaitHealthy("http://127.0.0.1:" + port + "/health", START_TIMEOUT);
    workers.put(name, worker);
    return this;
  }

  /** Stops a node engine (SIGTERM) and starts it again with the same flags and data dir. */
  CanopyStack restartWorker(String name) {
    workers.get(name).stop();
    return startWorkerIn(workerClusters.get(name), name, workerFlags.get(name));
  }

  TierProcess worker(String name) {
    return workers.get(name);
  }

  /**
   * The node ids of every worker this stack started (they keep them across restarts). Tests scope
   * what they check in Docker to these: other stacks may run on the same engine.
   */
  java.util.Set<String> nodeIds() {
    java.util.Set<String> ids = new java.util.TreeSet<>(knownNodeIds);
    for (Map.Entry<String, Integer> w : workerPorts.entrySet()) {
      if (workers.get(w.getKey()) != null && workers.get(w.getKey()).isAlive()) {
        String id =
            Http.call("GET", "http://127.0.0.1:" + w.getValue() + "/health", null, null)
                .body()
                .path("nodeId")
                .asString("");
        if (!id.isBlank()) {
          ids.add(id);
        }
      }
    }
    knownNodeIds.addAll(ids);
    return ids;
  }

  public RootApi api() {
    return rootApi;
  }

  public String rootUrl() {
    return "http://127.0.0.1:" + rootPort;
  }

  /** The cluster started last. */
  public String clusterUrl() {
    return clusterUrl(currentCluster);
  }

  public String clusterUrl(String name) {
    return "http://127.0.0.1:" + clusterPorts.get(name);
  }

  /** The port of a started worker's {@code /health} and {@code /metrics}. */
  public int workerMetricsPort(String name) {
    Integer port = workerPorts.get(name);
    if (port == null) {
      throw new IllegalArgumentException("no worker " + name + " was started");
    }
    return port;
  }

  /** The tails of every tier's log, for a failing test's message. */
  public String logs() {
    List<TierProcess> all = new ArrayList<>();
    if (root != null) all.add(root);
    all.addAll(clusters.values());
    all.addAll(workers.values());
    StringBuilder out = new StringBuilder();
    for (TierProcess tier : all) {
      out.append("\n===== ").append(tier.name()).append(" =====\n").append(tier.logTail());
    }
    return out.toString();
  }

  private String dir(String name) {
    try {
      return Files.createDirectories(workDir.resolve(name)).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    workers.values().forEach(TierProcess::stop);
    clusters.values().forEach(TierProcess::stop);
    if (root != null) root.stop();
    mosquitto.close();
  }

  /**
   * Stops every tier, then removes the containers of this stack's workers (a stopped engine leaves
   * its workloads running, by design). Returns the workers' node ids for clean-up beyond Docker.
   */
  java.util.Set<String> closeAndRemoveContainers() {
    java.util.Set<String> nodes = nodeIds();
    try {
      close();
    } finally {
      for (String node : nodes) {
        Docker.removeForcibly(Docker.containersWithLabel("io.canopy.node-id", node));
      }
    }
    return nodes;
  }
}
