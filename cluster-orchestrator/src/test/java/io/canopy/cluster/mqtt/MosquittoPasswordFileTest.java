package io.canopy.cluster.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.testsupport.FreePorts;
import io.canopy.testsupport.Requirements;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password file the cluster keeps is one a real Mosquitto reads, and with the ACL file of
 * docs/protocol.md a worker is kept to its own topics.
 */
class MosquittoPasswordFileTest {
  @TempDir Path dir;

  @Test
  void entriesVerifyLikeMosquittoPasswdWritesThem() {
    String entry = MosquittoPasswordFile.hash("s3cret");

    assertThat(entry).matches("\\$7\\$101\\$[A-Za-z0-9+/=]{16}\\$[A-Za-z0-9+/=]{88}");
    assertThat(MosquittoPasswordFile.matches(entry, "s3cret")).isTrue();
    assertThat(MosquittoPasswordFile.matches(entry, "other")).isFalse();
  }

  @Test
  void mosquittoAdmitsRegisteredWorkersAfterAReloadAndKeepsThemToTheirTopics() throws Exception {
    String mosquitto = Requirements.require("mosquitto", "Install it: apt-get install mosquitto");
    // Started as root, Mosquitto drops to its own user before it reads the password file.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    int port = FreePorts.next();
    Path passwd = dir.resolve("canopy.passwd");
    Path acl = dir.resolve("canopy.acl");
    Files.writeString(
        acl,
        """
        user canopy-cluster
        topic readwrite nodes/#

        pattern write nodes/%u/report
        pattern write nodes/%u/instances/+
        pattern write nodes/%u/liveness
        pattern write nodes/%u/replies
        pattern read nodes/%u/commands
        pattern read nodes/%u/net/#
        """);
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        "listener %d 127.0.0.1\nallow_anonymous false\npassword_file %s\nacl_file %s\n"
            .formatted(port, passwd, acl));
    Path pidFile = dir.resolve("pid");
    MosquittoPasswordFile file =
        new MosquittoPasswordFile(passwd, "kill -HUP $(cat " + pidFile + ")");
    file.ensure("canopy-cluster", "cluster-pw");
    Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
    Process broker =
        new ProcessBuilder(mosquitto, "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    try {
      Files.writeString(pidFile, Long.toString(broker.pid()));
      awaitPort(port);

      file.put("node-a", "pw-a"); // registered while the broker runs: reloaded with SIGHUP
      MqttClient node = awaitConnect(port, "node-a", "pw-a");
      MqttClient cluster = connect(port, "canopy-cluster", "cluster-pw");
      BlockingQueue<String> atNode = new LinkedBlockingQueue<>();
      BlockingQueue<String> atCluster = new LinkedBlockingQueue<>();
      node.setCallback(new EmbeddedBrokerTest.Received(atNode));
      cluster.setCallback(new EmbeddedBrokerTest.Received(atCluster));
      // Mosquitto grants any subscription and filters on delivery, so delivery is what counts.
      node.subscribe(
          new MqttSubscription[] {
            new MqttSubscription("nodes/node-a/commands", 1),
            new MqttSubscription("nodes/node-b/commands", 1)
          },
          null);
      cluster.subscribe(new MqttSubscription[] {new MqttSubscription("nodes/+/report", 1)}, null);

      cluster.publish("nodes/node-b/commands", bytes("for b"), 1, false);
      cluster.publish("nodes/node-a/commands", bytes("for a"), 1, false);
      node.publish("nodes/node-b/report", bytes("forged"), 1, false);
      node.publish("nodes/node-a/report", bytes("own"), 1, false);

      assertThat(atNode.poll(5, TimeUnit.SECONDS)).isEqualTo("nodes/node-a/commands for a");
      assertThat(atCluster.poll(5, TimeUnit.SECONDS)).isEqualTo("nodes/node-a/report own");
      assertThat(atNode.poll(300, TimeUnit.MILLISECONDS)).isNull();
      assertThat(atCluster.poll(300, TimeUnit.MILLISECONDS)).isNull();
      cluster.disconnect();
      assertThatThrownBy(() -> connect(port, "node-a", "wrong")).isInstanceOf(MqttException.class);
      connect(port, "canopy-cluster", "cluster-pw").disconnect();
      file.put("node-a", "pw-a2"); // re-registration: the old password stops working
      Thread.sleep(500);
      assertThatThrownBy(() -> connect(port, "node-a", "pw-a")).isInstanceOf(MqttException.class);
      // Mosquitto checks connected clients again on reload: the old session is closed too.
      for (int i = 0; i < 40 && node.isConnected(); i++) {
        Thread.sleep(50);
      }
      assertThat(node.isConnected()).isFalse();
      node.close(true);
    } finally {
      broker.destroy();
      broker.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static MqttClient awaitConnect(int port, String user, String password) throws Exception {
    MqttException last = null;
    for (int i = 0; i < 40; i++) {
      try {
        return connect(port, user, password);
      } catch (MqttException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw last;
  }

  private static MqttClient connect(int port, String user, String password) throws MqttException {
    MqttClient client =
        new MqttClient(
            "tcp://127.0.0.1:" + port, user + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName(user);
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    try {
      client.connect(options);
    } catch (MqttException e) {
      client.close();
      throw e;
    }
    return client;
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("mosquitto did not listen on " + port);
  }
}
