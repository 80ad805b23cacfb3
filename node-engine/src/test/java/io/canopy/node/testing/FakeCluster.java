package io.canopy.node.testing;

import com.sun.net.httpserver.HttpServer;
import io.canopy.wire.WireJson;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.node.NodeCommand;
import io.canopy.wire.node.NodeMessage;
import io.canopy.wire.node.NodeRegistration;
import io.canopy.wire.node.NodeTopics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
 * What a node engine sees of a cluster: {@code POST /api/node/register} over HTTP and the worker
 * topics on a real Mosquitto, read and written by a Paho client.
 */
public final class FakeCluster implements AutoCloseable {
  public static final String TOKEN = "join-me";

  /** One message a worker published. */
  public record Received(String topic, NodeMessage message, boolean retained) {}

  private final HttpServer http;
  private final MqttClient mqtt;
  private final String brokerUrl;
  public final List<NodeRegistration> registrations = new CopyOnWriteArrayList<>();
  public final List<Received> received = new CopyOnWriteArrayList<>();
  public final List<String> assigned = new CopyOnWriteArrayList<>();

  public FakeCluster(String brokerUrl) throws IOException, MqttException {
    this.brokerUrl = brokerUrl;
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    http.createContext(
        "/api/node/register",
        exchange -> {
          try (exchange) {
            NodeRegistration body =
                WireJson.mapper().readValue(exchange.getRequestBody(), NodeRegistration.class);
            registrations.add(body);
            if (!TOKEN.equals(body.token())) {
              reply(
                  exchange, 401, "{\"title\":\"Unauthorized\",\"detail\":\"invalid join token\"}");
              return;
            }
            String id = body.nodeId() != null ? body.nodeId() : TestDocker.newNodeId();
            assigned.add(id);
            NodeRegistration.Accepted accepted =
                new NodeRegistration.Accepted(id, brokerUrl, id, "secret-" + id, 0, null);
            reply(exchange, 201, WireJson.mapper().writeValueAsString(accepted));
          }
        });
    http.start();

    mqtt = new MqttClient(brokerUrl, "fake-cluster-" + UUID.randomUUID(), new MemoryPersistence());
    mqtt.setCallback(new Collector());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    mqtt.connect(options);
    mqtt.subscribe(NodeTopics.ALL_FROM_WORKERS, 1);
  }

  private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  public String brokerUrl() {
    return brokerUrl;
  }

  public void send(String nodeId, NodeCommand command) throws MqttException {
    byte[] payload = WireJson.mapper().writerFor(NodeCommand.class).writeValueAsBytes(command);
    mqtt.publish(NodeTopics.commands(nodeId), payload, 1, false);
  }

  public void sendTable(String nodeId, NetworkTable table) throws MqttException {
    mqtt.publish(
        NodeTopics.netTables(nodeId), table.toJson().getBytes(StandardCharsets.UTF_8), 1, false);
  }

  public void sendRawTable(String nodeId, String payload) throws MqttException {
    mqtt.publish(NodeTopics.netTables(nodeId), payload.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  public void sendRaw(String nodeId, String payload) throws MqttException {
    mqtt.publish(NodeTopics.commands(nodeId), payload.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /** The first message (since the start) that matches, waiting up to {@code timeout}. */
  public <T extends NodeMessage> T await(
      String nodeId, Class<T> type, Predicate<T> matches, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> found = find(nodeId, type, matches);
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(
        "no "
            + type.getSimpleName()
            + " from "
            + nodeId
            + " matched within "
            + timeout
            + "; other messages: "
            + received.stream()
                .filter(r -> nodeId == null || nodeId.equals(NodeTopics.nodeIdOf(r.topic())))
                .filter(r -> !(r.message() instanceof NodeMessage.Report))
                .filter(r -> !(r.message() instanceof NodeMessage.InstanceList))
                .map(Received::message)
                .toList());
  }

  public <T extends NodeMessage> Optional<T> find(
      String nodeId, Class<T> type, Predicate<T> matches) {
    return received.stream()
        .filter(r -> nodeId == null || nodeId.equals(NodeTopics.nodeIdOf(r.topic())))
        .map(Received::message)
        .filter(type::isInstance)
        .map(type::cast)
        .filter(matches)
        .findFirst();
  }

  @Override
  public void close() throws MqttException {
    http.stop(0);
    if (mqtt.isConnected()) {
      mqtt.disconnect();
    }
    mqtt.close();
  }

  private final class Collector implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (topic.endsWith("/commands") || topic.endsWith("/net/tables")) {
        return;
      }
      NodeMessage m = WireJson.mapper().readValue(message.getPayload(), NodeMessage.class);
      received.add(new Received(topic, m, message.isRetained()));
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
