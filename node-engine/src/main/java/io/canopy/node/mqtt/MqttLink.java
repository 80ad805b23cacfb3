package io.canopy.node.mqtt;

import io.canopy.node.http.NodeMetrics;
import io.canopy.node.instance.Outbox;
import io.canopy.wire.WireJson;
import io.canopy.wire.node.NodeMessage;
import io.canopy.wire.node.NodeTopics;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's MQTT connection: a persistent session (cleanStart=false, 1 h expiry) so commands
 * sent while it was away are delivered when it returns; QoS 1 everywhere; a retained liveness
 * message, true on every connect and false as the last will; automatic reconnects. Messages sent
 * while disconnected are buffered by the client and go out on reconnect.
 */
public final class MqttLink implements Outbox, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MqttLink.class);
  private static final int QOS = 1;
  private static final long SESSION_EXPIRY_SECONDS = 3600;

  private final String nodeId;
  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final NodeMetrics metrics;
  private final Consumer<byte[]> commands;
  private final Consumer<byte[]> netTables;
  private final Runnable onConnected;
  private final ExecutorService dispatcher =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("mqtt-commands").factory());
  private volatile boolean closed;
  private final AtomicBoolean connecting = new AtomicBoolean();
  private volatile Thread connectLoop;

  public MqttLink(
      String brokerUrl,
      String nodeId,
      String username,
      String password,
      NodeMetrics metrics,
      Consumer<byte[]> commands,
      Consumer<byte[]> netTables,
      Runnable onConnected) {
    this.nodeId = nodeId;
    this.metrics = metrics;
    this.commands = commands;
    this.netTables = netTables;
    this.onConnected = onConnected;
    try {
      this.client = new MqttAsyncClient(brokerUrl, nodeId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException(
          "bad MQTT broker URL " + brokerUrl + ": " + e.getMessage());
    }
    DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
    buffer.setBufferEnabled(true);
    buffer.setBufferSize(5000);
    buffer.setDeleteOldestMessages(true);
    buffer.setPersistBuffer(false);
    client.setBufferOpts(buffer);
    client.setCallback(new Callback());

    options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 10);
    options.setKeepAliveInterval(10);
    options.setConnectionTimeout(10);
    if (username != null) {
      options.setUserName(username);
    }
    if (password != null) {
      options.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    MqttMessage will =
        new MqttMessage(json(new NodeMessage.Liveness(nodeId, false)), QOS, true, null);
    options.setWill(NodeTopics.liveness(nodeId), will);
  }

  /**
   * Connects in the background and retries until the broker accepts. Paho reconnects by itself only
   * after a first success and only when the link breaks; a broker that ends the session with a
   * DISCONNECT (restart, takeover) is left to {@link #rescue()}.
   */
  public void connect() {
    startConnectLoop(0);
  }

  /** Steps in when Paho's own reconnect has not brought the link back after a few seconds. */
  private void rescue() {
    startConnectLoop(3000);
  }

  private void startConnectLoop(long initialDelayMillis) {
    if (closed || !connecting.compareAndSet(false, true)) {
      return;
    }
    connectLoop =
        Thread.ofPlatform()
            .daemon()
            .name("mqtt-connect")
            .start(
                () -> {
                  try {
                    Thread.sleep(initialDelayMillis);
                    long backoff = 500;
                    while (!closed && !client.isConnected()) {
                      try {
                        client.connect(options).waitForCompletion(15_000);
                      } catch (MqttException e) {
                        // also 32110 when Paho's own reconnect is under way: look again later
                        log.warn(
                            "cannot connect to the MQTT broker ({}); retrying in {} ms",
                            e.getMessage(),
                            backoff);
                        Thread.sleep(backoff);
                        backoff = Math.min(backoff * 2, 10_000);
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    connecting.set(false);
                  }
                });
  }

  public boolean connected() {
    return client.isConnected();
  }

  @Override
  public void send(NodeMessage message) {
    String topic =
        switch (message) {
          case NodeMessage.Report r -> NodeTopics.report(nodeId);
          case NodeMessage.InstanceChanged c -> NodeTopics.instanceChanged(nodeId);
          case NodeMessage.InstanceList l -> NodeTopics.instanceList(nodeId);
          case NodeMessage.Liveness l -> NodeTopics.liveness(nodeId);
          case NodeMessage.Ack a -> NodeTopics.replies(nodeId);
          case NodeMessage.LogsResult r -> NodeTopics.replies(nodeId);
        };
    publish(topic, json(message), message instanceof NodeMessage.Liveness);
  }

  private void publish(String topic, byte[] payload, boolean retained) {
    for (int attempt = 0; attempt < 200 && !closed; attempt++) {
      try {
        client.publish(topic, payload, QOS, retained);
        metrics.published();
        return;
      } catch (MqttException e) {
        // 32202: too many publishes in flight, even when sent one by one: wait and retry
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
          log.debug("dropped a message to {}: {}", topic, e.getMessage());
          return;
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    log.warn("dropped a message to {}: the client stayed saturated", topic);
  }

  private static byte[] json(NodeMessage message) {
    return WireJson.mapper().writerFor(NodeMessage.class).writeValueAsBytes(message);
  }

  /**
   * Stops on purpose: tells the cluster first (retained {@code liveness} with {@code
   * stopping=true}) that the instances keep running without the engine, so a restart or an upgrade
   * is not taken for a lost worker and nothing is rescheduled while the engine is away. A normal
   * DISCONNECT follows, which the broker answers without publishing the last will.
   */
  @Override
  public void close() {
    closed = true;
    Thread t = connectLoop;
    if (t != null) {
      t.interrupt();
    }
    try {
      if (client.isConnected()) {
        client
            .publish(
                NodeTopics.liveness(nodeId),
                json(new NodeMessage.Liveness(nodeId, false, true)),
                QOS,
                true)
            .waitForCompletion(2000);
      }
    } catch (MqttException e) {
      log.debug("could not say it is stopping: {}", e.getMessage());
    }
    try {
      if (client.isConnected()) {
        client.disconnect(2000).waitForCompletion(3000);
      }
    } catch (MqttException e) {
      log.debug("MQTT disconnect: {}", e.getMessage());
    }
    dispatcher.shutdown();
    try {
      client.close(true);
    } catch (MqttException e) {
      log.debug("MQTT close: {}", e.getMessage());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        metrics.reconnected();
      }
      log.info("{} to the MQTT broker {}", reconnect ? "reconnected" : "connected", serverUri);
      try {
        // The session may already hold the subscription; subscribing again is harmless.
        client.subscribe(
            new String[] {NodeTopics.commands(nodeId), NodeTopics.netTables(nodeId)},
            new int[] {QOS, QOS});
      } catch (MqttException e) {
        log.error("cannot subscribe to the commands and tables: {}", e.getMessage());
      }
      Thread.ofVirtual()
          .name("mqtt-connected")
          .start(
              () -> {
                send(new NodeMessage.Liveness(nodeId, true));
                onConnected.run();
              });
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      metrics.received();
      // off Paho's callback thread: handling publishes, and publishing from here can stall it;
      // one dispatcher thread keeps the messages in their arrival order
      byte[] payload = message.getPayload();
      if (topic.equals(NodeTopics.commands(nodeId))) {
        dispatcher.execute(() -> commands.accept(payload));
      } else if (topic.equals(NodeTopics.netTables(nodeId))) {
        dispatcher.execute(() -> netTables.accept(payload));
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (!closed) {
        log.warn(
            "MQTT connection lost (reason code {}): {}",
            response.getReturnCode(),
            response.getReasonString() != null
                ? response.getReasonString()
                : response.getException());
        rescue();
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      log.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
