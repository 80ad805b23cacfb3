package io.canopy.net.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.net.Lab;
import io.canopy.net.NetManager;
import io.canopy.net.NetManagerConfig;
import io.canopy.net.PublishedPort;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.ServiceInstance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The standalone net manager over its unix socket, driving a worker namespace. */
class NetSocketServerTest {
  Lab lab;
  String worker;
  Path socket;
  NetSocketServer server;
  NetManagerClient client;

  @BeforeEach
  void serve() throws Exception {
    lab = new Lab();
    worker = lab.worker("sw");
    socket = Files.createTempDirectory("canopy-net-sock").resolve("net.sock");
    server =
        new NetSocketServer(
            new NetManager(NetManagerConfig.defaults().withWorkerNamespace(worker)), socket);
    server.start();
    client = new NetManagerClient(socket);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      server.close();
      new NetManager(NetManagerConfig.defaults().withWorkerNamespace(worker)).cleanup();
      Files.deleteIfExists(socket.getParent());
    } finally {
      lab.close();
    }
  }

  @Test
  void attachDetachApplyAndStatusAsJsonLines() throws Exception {
    String instance = lab.namespace("si");
    lab.httpd(instance, "web-1");
    NetworkTable table =
        new NetworkTable(
            "10.18.1.0/26",
            Map.of("10.30.1.1", List.of(new ServiceInstance("web-1", "10.18.1.2", null))),
            Map.of());

    assertThat(client.call(Request.apply(table)).ok()).isTrue();
    Reply attached =
        client.call(
            Request.attach(
                "web-1", null, instance, "10.18.1.2", List.of(new PublishedPort(8081, 80, "tcp"))));
    assertThat(attached.ok()).as(attached.error() == null ? "" : attached.error()).isTrue();
    assertThat(lab.awaitGet(worker, "http://10.30.1.1/")).isEqualTo("web-1");
    // published on every local address of the worker, loopback included
    assertThat(lab.get(worker, "http://127.0.0.1:8081/")).isEqualTo("web-1");

    String status = client.callRaw("{\"op\":\"status\"}");
    assertThat(status)
        .contains("\"ok\":true")
        .contains("\"subnet\":\"10.18.1.0/26\"")
        .contains("\"instanceId\":\"web-1\"")
        .contains("\"10.30.1.1\":[\"10.18.1.2\"]");

    assertThat(client.callRaw("{\"op\":\"detach\",\"instanceId\":\"web-1\"}"))
        .isEqualTo("{\"ok\":true,\"result\":{\"detached\":true},\"error\":null}");
    assertThat(lab.get(worker, "http://10.30.1.1/")).isNull();
  }

  @Test
  void aGuestsTapIsCreatedAndAttachedOverTheSocket() {
    String guest = "guest-" + socket.getParent().getFileName();
    NetworkTable table =
        new NetworkTable(
            "10.18.1.0/26",
            Map.of("10.30.1.1", List.of(new ServiceInstance(guest, "10.18.1.3", null))),
            Map.of());
    assertThat(client.call(Request.apply(table)).ok()).isTrue();

    String tap = client.callRaw("{\"op\":\"createTap\",\"instanceId\":\"" + guest + "\"}");
    assertThat(tap)
        .contains("\"ok\":true")
        .contains("\"device\":\"canopyt")
        .contains("\"mtu\":1450");
    Reply attached = client.call(Request.attachTap(guest, "10.18.1.3", List.of()));
    assertThat(attached.ok()).as(attached.error() == null ? "" : attached.error()).isTrue();

    assertThat(client.callRaw("{\"op\":\"status\"}"))
        .contains("\"instanceId\":\"" + guest + "\"")
        .contains("\"hostDevice\":\"canopyt")
        .contains("\"10.30.1.1\":[\"10.18.1.3\"]");
    assertThat(client.call(Request.detach(guest)).ok()).isTrue();
    assertThat(client.callRaw("{\"op\":\"status\"}")).doesNotContain(guest);
  }

  @Test
  void badRequestsGetAnErrorLineAndTheConnectionStaysUsable() {
    assertThat(client.callRaw("not json")).contains("\"ok\":false").contains("not a JSON request");
    assertThat(client.callRaw("{\"op\":\"reboot\"}"))
        .contains("unknown op 'reboot': use attach, createTap, attachTap, detach, apply or status");
    assertThat(client.callRaw("{\"op\":\"apply\"}")).contains("apply needs a table");
    assertThat(client.callRaw("{\"op\":\"apply\",\"table\":{\"subnet\":\"10.99.0.0/26\"}}"))
        .contains("invalid network table: subnet: 10.99.0.0/26 is outside");
    assertThat(
            client.callRaw(
                "{\"op\":\"attach\",\"instanceId\":\"x\",\"pid\":1,\"netns\":\"y\","
                    + "\"instanceIp\":\"10.18.0.2\"}"))
        .contains("give exactly one of pid and netns");
    assertThat(client.call(Request.status()).ok()).isTrue();
  }

  @Test
  void mainCleansUpWhatAnEarlierProcessLeftAndSendsRequests() throws Exception {
    client.call(Request.apply(new NetworkTable("10.18.2.0/26", Map.of(), Map.of())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    assertThat(
            NetManagerMain.run(
                new String[] {"--socket", socket.toString(), "--send", "{\"op\":\"status\"}"},
                print,
                print))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"subnet\":\"10.18.2.0/26\"");

    assertThat(NetManagerMain.run(new String[] {"--netns", worker, "--cleanup"}, print, print))
        .isZero();
    assertThat(lab.get(worker, "http://10.18.2.1/")).isNull();
    assertThat(
            new ProcessBuilder("ip", "-n", worker, "link", "show", "canopy-br").start().waitFor())
        .isNotZero();

    assertThat(NetManagerMain.run(new String[] {"--vni", "x"}, print, print)).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--vni must be a number: 'x'");
  }
}
