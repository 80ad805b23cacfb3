package io.canopy.cluster;

import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.InstanceUsage;
import io.canopy.wire.WireJson;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.node.Fingerprint;
import io.canopy.wire.node.NodeCommand;
import io.canopy.wire.node.NodeMessage;
import io.canopy.wire.node.NodeRegistration;
import io.canopy.wire.node.NodeTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A worker as the protocol describes it, without a runtime: registers over HTTP, connects to MQTT
 * with its credentials, a persistent session and a last will, reports every 300 ms and (when {@code
 * autoRun}) answers every start with RUNNING and every stop with UNDEPLOYED.
 */
final class FakeWorker implements AutoCloseable {
  final String nodeId;
  final NodeRegistration.Accepted registration;
  private final Fingerprint fingerprint;
  private final List<NodeCommand> commands = new CopyOnWriteArrayList<>();
  private final List<NetworkTable> tables = new CopyOnWriteArrayList<>();
  private final Map<String, InstanceState> running = new ConcurrentHashMap<>();
  private volatile boolean autoRun = true;
  private volatile boolean reporting = true;
  private MqttClient client;
  private Thread reporter;

  private FakeWorker(NodeRegistration.Accepted registration, Fingerprint fingerprint) {
    this.nodeId = registration.nodeId();
    this.registration = registration;
    this.fingerprint = fingerprint;
  }

  static Fingerprint fingerprint(String host, int cores, long memoryMb, String... runtimes) {
    return new Fingerprint(
        host,
        "amd64",
        "Linux 6.1",
        cores,
        5.0,
        memoryMb,
        memoryMb / 2,
        100_000,
        50_000,
        List.of(),
        List.of(runtimes),
        "127.0.0.1");
  }

  /** Registers with a fresh join token and connects. */
  static FakeWorker join(String clusterUrl, String joinToken, Fingerprint fingerprint)
      throws Exception {
    NodeRegistration.Accepted accepted =
        register(
            clusterUrl, new NodeRegistration(joinToken, null, fingerprint.hostname(), fingerprint));
    FakeWorker worker = new FakeWorker(accepted, fingerprint);
    worker.connect();
    return worker;
  }

  static NodeRegistration.Accepted register(String clusterUrl, NodeRegistration body)
      throws Exception {
    HttpResponse<String> response = post(clusterUrl + "/api/node/register", null, body);
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw new AssertionError("registration answered " + response.statusCode() + response.body());
    }
    return WireJson.mapper().readValue(response.body(), NodeRegistration.Accepted.class);
  }

  static HttpResponse<String> post(String url, String bearer, Object body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    body == null ? "" : WireJson.mapper().writeValueAsString(body)));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  void connect() throws MqttException {
    client = new MqttClient(registration.mqttUrl(), "worker-" + nodeId, new MemoryPersistence());
    client.setCallback(new Callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(3600L);
    options.setUserName(registration.mqttUsername());
    options.setPassword(registration.mqttPassword().getBytes(StandardCharsets.UTF_8));
    MqttMessage will =
        new MqttMessage(json(new NodeMessage.Liveness(nodeId, false)), 1, true, null);
    options.setWill(NodeTopics.liveness(nodeId), will);
    client.connect(options);
    client.subscribe(NodeTopics.commands(nodeId), 1);
    client.subscribe(NodeTopics.netTables(nodeId), 1);
    publish(NodeTopics.liveness(nodeId), new NodeMessage.Liveness(nodeId, true), true);
    reporting = true;
    reporter = Thread.ofVirtual().start(this::report);
  }

  /** Drops the connection without a DISCONNECT packet: the broker publishes the last will. */
  void crash() throws MqttException {
    reporting = false;
    reporter.interrupt();
    client.disconnectForcibly(0, 0, false);
    client.close(true);
  }

  /**
   * Stops the way a node engine stops on purpose (a restart, an upgrade): says so on its liveness
   * topic, then disconnects cleanly, so the broker publishes no last will. Its instances are taken
   * to keep running.
   */
  void stopOnPurpose() throws MqttException {
    reporting = false;
    reporter.interrupt();
    publish(NodeTopics.liveness(nodeId), new NodeMessage.Liveness(nodeId, false, true), true);
    client.disconnect();
    client.close(true);
  }

  /** Stays connected but stops reporting: the cluster must notice the missed reports. */
  void fallSilent() {
    reporting = false;
    reporter.interrupt();
  }

  void autoRun(boolean on) {
    autoRun = on;
  }

  List<NodeCommand> commands() {
    return List.copyOf(commands);
  }

  <T extends NodeCommand> List<T> commands(Class<T> type) {
    return commands.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends NodeCommand> T await(Class<T> type, Predicate<T> match, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (T c : commands(type)) {
        if (match.test(c)) {
          return c;
        }
      }
      sleep(25);
    }
    throw new AssertionError(
        "worker " + nodeId + " got no matching " + type.getSimpleName() + "; got " + commands);
  }

  void clearCommands() {
    commands.clear();
  }

  NetworkTable awaitTable(Predicate<NetworkTable> match, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (NetworkTable t : tables) {
        if (match.test(t)) {
          return t;
        }
      }
      sleep(25);
    }
    throw new AssertionError("worker " + nodeId + " got no matching table; got " + tables);
  }

  /** Waits until the latest table this worker got matches (earlier ones do not count). */
  NetworkTable awaitLatestTable(Predicate<NetworkTable> match, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      NetworkTable latest = tables.isEmpty() ? null : tables.getLast();
      if (latest != null && match.test(latest)) {
        return latest;
      }
      sleep(25);
    }
    throw new AssertionError(
        "the latest table of worker " + nodeId + " does not match; got " + tables);
  }

  void status(String instanceId, InstanceState state, Integer exitCode) throws MqttException {
    status(instanceId, state, exitCode, null);
  }

  void status(String instanceId, InstanceState state, Integer exitCode, String instanceIp)
      throws MqttException {
    if (state == InstanceState.UNDEPLOYED) {
      running.remove(instanceId);
    } else {
      running.put(instanceId, state);
    }
    publish(
        NodeTopics.instanceChanged(nodeId),
        new NodeMessage.InstanceChanged(
            new InstanceStatus(
                instanceId,
                state,
                null,
                nodeId,
                null,
                instanceIp,
                null,
                "c-" + instanceId,
                exitCode,
                null,
                null,
                List.of(),
                Instant.now())),
        false);
  }

  /** Publishes the full list; {@code extra} adds instances the cluster may not know. */
  void publishList(Map<String, InstanceState> extra) throws MqttException {
    publishList(extra, List.of());
  }

  /** Publishes the full list with these usage samples, as a worker does every report. */
  void publishList(Map<String, InstanceState> extra, List<InstanceUsage> usage)
      throws MqttException {
    Map<String, InstanceState> all = new ConcurrentHashMap<>(running);
    all.putAll(extra);
    List<InstanceStatus> statuses =
        all.entrySet().stream()
            .map(e -> InstanceStatus.onWorker(e.getKey(), e.getValue(), nodeId, null, null, null))
            .toList();
    publish(
        NodeTopics.instanceList(nodeId),
        new NodeMessage.InstanceList(nodeId, statuses, Instant.now(), usage),
        false);
  }

  /** Publishes exactly these statuses as the full list. */
  void publishListOf(List<InstanceStatus> statuses) throws MqttException {
    publish(
        NodeTopics.instanceList(nodeId),
        new NodeMessage.InstanceList(nodeId, statuses, Instant.now()),
        false);
  }

  void logs(String requestId, String instanceId, List<String> lines) throws MqttException {
    publish(
        NodeTopics.replies(nodeId),
        new NodeMessage.LogsResult(requestId, instanceId, lines, null),
        false);
  }

  private void report() {
    while (reporting) {
      try {
        publish(
            NodeTopics.report(nodeId),
            new NodeMessage.Report(nodeId, fingerprint, Instant.now()),
            false);
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      } catch (MqttException e) {
        sleep(100);
      }
    }
  }

  private synchronized void publish(String topic, NodeMessage message, boolean retained)
      throws MqttException {
    for (int attempt = 0; ; attempt++) {
      try {
        client.publish(topic, json(message), 1, retained);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() == 32202 && attempt < 100) {
          sleep(10);
          continue;
        }
        throw e;
      }
    }
  }

  private static byte[] json(Object value) {
    return WireJson.mapper().writeValueAsBytes(value);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws MqttException {
    reporting = false;
    if (reporter != null) {
      reporter.interrupt();
    }
    if (client != null && client.isConnected()) {
      client.disconnect();
    }
    if (client != null) {
      client.close(true);
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (topic.equals(NodeTopics.netTables(nodeId))) {
        tables.add(NetworkTable.fromJson(new String(message.getPayload(), StandardCharsets.UTF_8)));
        return;
      }
      NodeCommand command = WireJson.mapper().readValue(message.getPayload(), NodeCommand.class);
      commands.add(command);
      if (!autoRun) {
        return;
      }
      // Answer from another thread: Paho must not publish from its own callback thread.
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  switch (command) {
                    case NodeCommand.Start s ->
                        status(s.instance().instanceId(), InstanceState.RUNNING, null);
                    case NodeCommand.Stop s ->
                        status(s.instanceId(), InstanceState.UNDEPLOYED, null);
                    case NodeCommand.Desired d -> {
                      for (String id : List.copyOf(running.keySet())) {
                        if (d.instances().stream().noneMatch(i -> i.instanceId().equals(id))) {
                          status(id, InstanceState.UNDEPLOYED, null);
                        }
                      }
                      for (InstanceSpec spec : d.instances()) {
                        if (!running.containsKey(spec.instanceId())) {
                          status(spec.instanceId(), InstanceState.RUNNING, null);
                        }
                      }
                    }
                    case NodeCommand.FetchLogs f -> {}
                  }
                } catch (MqttException e) {
                  throw new IllegalStateException(e);
                }
              });
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
