package io.canopy.node.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.canopy.wire.WireJson;
import io.canopy.wire.node.Fingerprint;
import io.canopy.wire.node.NodeRegistration;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrarTest {
  static final Fingerprint FP =
      new Fingerprint(
          "h", "amd64", "Linux", 2, 0, 1000, 500, 10, 5, List.of(), List.of("container"), null);

  @TempDir Path dataDir;
  HttpServer cluster;
  final List<NodeRegistration> seen = new CopyOnWriteArrayList<>();
  final AtomicInteger status = new AtomicInteger(201);

  @BeforeEach
  void cluster() throws Exception {
    cluster = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
    cluster.createContext(
        "/api/node/register",
        exchange -> {
          try (exchange) {
            NodeRegistration r =
                WireJson.mapper().readValue(exchange.getRequestBody(), NodeRegistration.class);
            seen.add(r);
            String id = r.nodeId() != null ? r.nodeId() : "node-1";
            String body =
                status.get() == 201
                    ? WireJson.mapper()
                        .writeValueAsString(
                            new NodeRegistration.Accepted(
                                id, "tcp://127.0.0.1:1", id, "pw", 2000, null))
                    : "{\"detail\":\"invalid join token\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          }
        });
    cluster.start();
  }

  @AfterEach
  void stop() {
    cluster.stop(0);
  }

  Registrar registrar(String token) {
    return new Registrar(
        URI.create("http://127.0.0.1:" + cluster.getAddress().getPort()),
        token,
        "worker-a",
        new IdentityStore(dataDir));
  }

  @Test
  void registersKeepsTheIdentityPrivatelyAndReRegistersWithItsId() throws Exception {
    NodeRegistration.Accepted first = registrar("tok").register(FP, () -> true);

    assertThat(first.nodeId()).isEqualTo("node-1");
    assertThat(seen.getFirst()).isEqualTo(new NodeRegistration("tok", null, "worker-a", FP));
    Path file = dataDir.resolve("node.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    NodeRegistration.Accepted again = registrar("tok").register(FP, () -> true);
    assertThat(seen.getLast().nodeId()).isEqualTo("node-1");
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aRefusedNewWorkerFailsClearlyButAKnownOneGoesOnWithItsIdentity() {
    status.set(401);
    assertThatThrownBy(() -> registrar("bad").register(FP, () -> true))
        .isInstanceOf(RegistrationRefused.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("invalid join token");

    status.set(201);
    NodeRegistration.Accepted known = registrar("tok").register(FP, () -> true);
    status.set(401);
    assertThat(registrar("expired").register(FP, () -> true)).isEqualTo(known);
    cluster.stop(0);
    assertThat(registrar("tok").register(FP, () -> true)).isEqualTo(known);
  }

  @Test
  void noTokenAndNoIdentityIsAClearError() {
    assertThatThrownBy(() -> registrar(null).register(FP, () -> true))
        .hasMessageContaining("--join-token or CANOPY_JOIN_TOKEN");
  }

  @Test
  void aNewWorkerRetriesAnUnreachableClusterUntilTold() {
    cluster.stop(0);
    AtomicInteger tries = new AtomicInteger();
    assertThatThrownBy(() -> registrar("tok").register(FP, () -> tries.incrementAndGet() < 2))
        .hasMessageContaining("abandoned");
    assertThat(tries).hasValue(2);
  }
}
