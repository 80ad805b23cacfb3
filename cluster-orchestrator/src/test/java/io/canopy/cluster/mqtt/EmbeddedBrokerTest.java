package io.canopy.cluster.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.cluster.node.Secrets;
import io.canopy.testsupport.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded HiveMQ broker admits only known credentials and keeps each node to its topics. */
class EmbeddedBrokerTest {
  static final String CLUSTER_PASSWORD = "internal-secret";
  static final Map<String, String> PASSWORDS = Map.of("node-a", "pw-a", "node-b", "pw-b");

  @TempDir static Path dir;
  static int port;
  static EmbeddedBroker broker;

  @BeforeAll
  static void start() {
    port = FreePorts.next();
    broker =
        new EmbeddedBroker(
            dir,
            port,
            new BrokerAuth(
                "canopy-cluster",
                CLUSTER_PASSWORD,
                id -> Optional.ofNullable(PASSWORDS.get(id)).map(Secrets::sha256)));
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void aNodeWithItsPasswordMayUseItsOwnTopicsAndTheClusterSeesThem() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    MqttClient cluster = connect("canopy-cluster", CLUSTER_PASSWORD);
    MqttClient node = connect("node-a", "pw-a");
    try {
      cluster.setCallback(new Received(seen));
      cluster.subscribe(new MqttSubscription[] {new MqttSubscription("nodes/+/report", 1)}, null);
      IMqttToken sub =
          node.subscribe(
              new MqttSubscription[] {new MqttSubscription("nodes/node-a/commands", 1)}, null);
      assertThat(sub.getReasonCodes()[0]).isEqualTo(1); // granted QoS 1

      node.publish("nodes/node-a/report", "hello".getBytes(StandardCharsets.UTF_8), 1, false);

      assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("nodes/node-a/report hello");
    } finally {
      closeQuietly(node);
      closeQuietly(cluster);
    }
  }

  @Test
  void aNodeMayNotReadOrWriteAnotherNodesTopics() throws Exception {
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    MqttClient cluster = connect("canopy-cluster", CLUSTER_PASSWORD);
    MqttClient node = connect("node-a", "pw-a");
    try {
      cluster.setCallback(new Received(seen));
      cluster.subscribe(new MqttSubscription[] {new MqttSubscription("nodes/#", 1)}, null);

      IMqttToken sub =
          node.subscribe(
              new MqttSubscription[] {new MqttSubscription("nodes/node-b/commands", 1)}, null);
      assertThat(sub.getReasonCodes()[0]).isGreaterThanOrEqualTo(0x80); // refused
      try {
        node.publish("nodes/node-b/report", "forged".getBytes(StandardCharsets.UTF_8), 1, false);
      } catch (MqttException e) {
        // HiveMQ may answer a forbidden publish by closing the connection
      }

      assertThat(seen.poll(1, TimeUnit.SECONDS)).isNull();
    } finally {
      closeQuietly(node);
      closeQuietly(cluster);
    }
  }

  private static void closeQuietly(MqttClient client) {
    try {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close(true);
    } catch (MqttException e) {
      // the test is over
    }
  }

  @Test
  void wrongOrMissingCredentialsAreRefused() {
    assertThatThrownBy(() -> connect("node-a", "not-its-password"))
        .isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> connect("node-z", "pw-a")).isInstanceOf(MqttException.class);
    assertThatThrownBy(() -> connect("canopy-cluster", "guess")).isInstanceOf(MqttException.class);
  }

  private static MqttClient connect(String user, String password) throws MqttException {
    MqttClient client =
        new MqttClient(
            "tcp://127.0.0.1:" + port, user + "-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(user);
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    options.setConnectionTimeout(10);
    try {
      client.connect(options);
    } catch (MqttException e) {
      client.close();
      throw e;
    }
    return client;
  }

  record Received(BlockingQueue<String> seen)
      implements org.eclipse.paho.mqttv5.client.MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      seen.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
    }

    @Override
    public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

    @Override
    public void mqttErrorOccurred(MqttException e) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String uri) {}

    @Override
    public void authPacketArrived(
        int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
  }
}
