package io.canopy.cluster.mqtt;

import io.canopy.wire.WireJson;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.node.NodeCommand;
import io.canopy.wire.node.NodeMessage;
import io.canopy.wire.node.NodeTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The cluster's MQTT client: publishes {@link NodeCommand}s to one worker and hands every worker
 * message to the listeners. Persistent session (clean start off, one hour expiry), QoS 1 both ways,
 * so what workers send while the cluster restarts waits for it at the broker.
 */
@Component
public class WorkerChannel implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(WorkerChannel.class);
  private static final int QOS = 1;
  private static final int TOO_MANY_PUBLISHES = 32202;

  /** What the cluster reads: everything workers publish, but not its own commands. */
  static final List<String> FILTERS =
      List.of(
          NodeTopics.ROOT + "/+/report",
          NodeTopics.ROOT + "/+/instances/+",
          NodeTopics.ROOT + "/+/liveness",
          NodeTopics.ROOT + "/+/replies");

  private final MqttEndpoint endpoint;
  private final String clientId;
  private final List<BiConsumer<String, NodeMessage>> listeners = new CopyOnWriteArrayList<>();
  private volatile MqttAsyncClient client;

  private final Counter sent;
  private final Counter received;
  private final Counter reconnects;

  WorkerChannel(
      MqttEndpoint endpoint, io.canopy.cluster.ClusterProperties properties, MeterRegistry meters) {
    this.endpoint = endpoint;
    this.clientId = "canopy-cluster-" + properties.name();
    this.sent = meters.counter("canopy.mqtt.messages", "direction", "out");
    this.received = meters.counter("canopy.mqtt.messages", "direction", "in");
    this.reconnects = meters.counter("canopy.mqtt.reconnects");
  }

  /** Called with (nodeId, message) on Paho's thread: hand the work off, do not block. */
  public void listen(BiConsumer<String, NodeMessage> listener) {
    listeners.add(listener);
  }

  public void send(String nodeId, NodeCommand command) {
    publish(NodeTopics.commands(nodeId), WireJson.mapper().writeValueAsBytes(command), false);
  }

  /**
   * The worker's overlay table, retained: a reconnecting worker gets the latest at once.
   *
   * @return whether the client took it (false: not connected; send it again later)
   */
  public boolean sendTable(String nodeId, NetworkTable table) {
    return publish(NodeTopics.netTables(nodeId), WireJson.mapper().writeValueAsBytes(table), true);
  }

  private boolean publish(String topic, byte[] payload, boolean retained) {
    MqttAsyncClient c = client;
    if (c == null) {
      log.warn("MQTT not started; dropped a message to {}", topic);
      return false;
    }
    MqttMessage message = new MqttMessage(payload, QOS, retained, new MqttProperties());
    for (int attempt = 0; ; attempt++) {
      try {
        c.publish(topic, message);
        sent.increment();
        return true;
      } catch (MqttException e) {
        // Paho 1.2.5 refuses a publish while its in-flight window is full, even between
        // sequential publishes; the window drains within milliseconds.
        if (e.getReasonCode() == TOO_MANY_PUBLISHES && attempt < 200) {
          sleep(10);
          continue;
        }
        // Not connected: the persistent session cannot hold it either. The worker's next
        // instance list disagrees with the cluster and reconciliation resends what is missing.
        log.warn("publishing to {} failed: {}", topic, e.getMessage());
        return false;
      }
    }
  }

  @Override
  public void start() {
    try {
      MqttAsyncClient c = new MqttAsyncClient(endpoint.url(), clientId, new MemoryPersistence());
      c.setCallback(new Callback(c));
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(false);
      options.setSessionExpiryInterval(3600L);
      options.setAutomaticReconnect(true);
      options.setAutomaticReconnectDelay(1, 10);
      options.setKeepAliveInterval(10);
      options.setConnectionTimeout(10);
      if (endpoint.username() != null && !endpoint.username().isBlank()) {
        options.setUserName(endpoint.username());
        options.setPassword(
            endpoint.password() == null
                ? new byte[0]
                : endpoint.password().getBytes(StandardCharsets.UTF_8));
      }
      client = c;
      connect(c, options);
    } catch (MqttException e) {
      throw new IllegalStateException("cannot create the MQTT client for " + endpoint.url(), e);
    }
  }

  private void connect(MqttAsyncClient c, MqttConnectionOptions options) {
    Thread.ofVirtual()
        .name("mqtt-connect")
        .start(
            () -> {
              // The first connect is retried by hand: automatic reconnect starts only after a
              // connection once succeeded.
              for (long wait = 500; client == c; wait = Math.min(wait * 2, 10_000)) {
                try {
                  c.connect(options).waitForCompletion(15_000);
                  return;
                } catch (MqttException e) {
                  log.warn("MQTT broker {} not reachable yet: {}", endpoint.url(), e.getMessage());
                  sleep(wait);
                }
              }
            });
  }

  @Override
  public void stop() {
    MqttAsyncClient c = client;
    client = null;
    if (c != null) {
      try {
        if (c.isConnected()) {
          c.disconnect().waitForCompletion(2_000);
        }
        c.close(true);
      } catch (MqttException e) {
        log.debug("closing the MQTT client: {}", e.getMessage());
      }
    }
  }

  @Override
  public boolean isRunning() {
    return client != null;
  }

  /** Up before and down after the cluster loop (see {@code ClusterLoop#stop}). */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  public boolean connected() {
    MqttAsyncClient c = client;
    return c != null && c.isConnected();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Callback implements MqttCallback {
    private final MqttAsyncClient c;

    Callback(MqttAsyncClient c) {
      this.c = c;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      log.info("MQTT connected to {}{}", serverUri, reconnect ? " (reconnect)" : "");
      if (reconnect) {
        reconnects.increment();
      }
      MqttSubscription[] subscriptions =
          FILTERS.stream().map(f -> new MqttSubscription(f, QOS)).toArray(MqttSubscription[]::new);
      try {
        c.subscribe(subscriptions);
      } catch (MqttException e) {
        log.error("cannot subscribe to the workers' topics", e);
      }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      received.increment();
      String nodeId = NodeTopics.nodeIdOf(topic);
      byte[] payload = message.getPayload();
      if (nodeId == null || payload.length == 0) {
        return; // a cleared retained message
      }
      NodeMessage parsed;
      try {
        parsed = WireJson.mapper().readValue(payload, NodeMessage.class);
      } catch (RuntimeException e) {
        log.warn("ignoring an unreadable message on {}: {}", topic, e.getMessage());
        return;
      }
      if (message.isRetained() && parsed instanceof NodeMessage.Liveness) {
        // A replay of the last liveness on (re)subscribe says nothing about now: after a restart
        // of the cluster (and of an embedded broker) an "online" may be stale and an "offline"
        // may be followed by a reconnect at once. Fresh messages and the missed-reports rule
        // decide.
        return;
      }
      for (BiConsumer<String, NodeMessage> l : listeners) {
        l.accept(nodeId, parsed);
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      log.warn("MQTT connection lost: {}", response.getReasonString());
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
