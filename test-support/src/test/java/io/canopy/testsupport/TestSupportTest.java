package io.canopy.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSupportTest {

  @Test
  void redisAnswersPingOnItsPrivatePortAndIsGoneAfterClose() throws Exception {
    int port;
    try (RedisServer redis = RedisServer.start()) {
      port = redis.port();
      try (Socket socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var in = new BufferedReader(new InputStreamReader(socket.getInputStream()));
        assertThat(in.readLine()).isEqualTo("+PONG");
      }
    }
    assertThat(connects(port)).isFalse();
  }

  @Test
  void mosquittoAcceptsAnMqttConnectAndIsGoneAfterClose() throws Exception {
    int port;
    try (MosquittoServer broker = MosquittoServer.start()) {
      port = broker.port();
      assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + port);
      try (Socket socket = new Socket("127.0.0.1", port)) {
        // MQTT 3.1.1 CONNECT, clean session, client id "t"; a broker answers CONNACK 0x20.
        byte[] connect = {0x10, 13, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 1, 't'};
        socket.getOutputStream().write(connect);
        byte[] connack = socket.getInputStream().readNBytes(4);
        assertThat(connack).containsExactly(0x20, 2, 0, 0);
      }
    }
    assertThat(connects(port)).isFalse();
  }

  @Test
  void busyboxImageRunsACommandWithoutAnyPull() {
    String image = TestImages.busybox();
    String docker = TestImages.requireDocker();
    String out =
        Commands.check(
            List.of(docker, "run", "--rm", image, "sh", "-c", "echo canopy-$((6*7))"), 60);
    assertThat(out.strip()).isEqualTo("canopy-42");
  }

  @Test
  void aMissingCommandFailsWithTheInstallHint() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Requirements.require("no-such-canopy-tool", "Install it: apt-get install x"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("apt-get install x");
  }

  private static boolean connects(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
