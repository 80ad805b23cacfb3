package io.canopy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.WireJson;
import io.canopy.wire.node.NodeRegistration;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NodeApiTest extends ClusterTestBase {

  @Test
  void joinTokensNeedTheAdminToken() throws Exception {
    HttpResponse<String> none = FakeWorker.post(clusterUrl() + "/api/node/tokens", null, null);
    HttpResponse<String> wrong =
        FakeWorker.post(clusterUrl() + "/api/node/tokens", "not-the-admin-token", null);

    for (HttpResponse<String> r : new HttpResponse[] {none, wrong}) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(WireJson.mapper().readTree(r.body()).get("status").asInt()).isEqualTo(401);
    }
  }

  @Test
  void aJoinTokenComesWithAnInstallCommand() throws Exception {
    HttpResponse<String> r = FakeWorker.post(clusterUrl() + "/api/node/tokens", adminToken(), null);

    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode body = WireJson.mapper().readTree(r.body());
    String token = body.get("token").asString();
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    assertThat(body.get("expires_at").asString()).isNotBlank();
    assertThat(body.get("install_command").asString())
        .contains("--cluster-url " + clusterUrl())
        .contains("--join-token " + token)
        .doesNotContain("\n");
  }

  @Test
  void registrationGivesAnIdAndMqttCredentialsAndKeepsTheIdOnReRegistration() throws Exception {
    String token = joinToken();
    var fp = FakeWorker.fingerprint("edge-1", 2, 2048, "container");

    NodeRegistration.Accepted first =
        FakeWorker.register(clusterUrl(), new NodeRegistration(token, null, null, fp));
    NodeRegistration.Accepted again =
        FakeWorker.register(clusterUrl(), new NodeRegistration(token, first.nodeId(), null, fp));

    assertThat(first.nodeId()).matches("[0-9a-f]{24}");
    assertThat(first.mqttUsername()).isEqualTo(first.nodeId());
    assertThat(first.mqttPassword()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(first.mqttUrl()).isEqualTo(MOSQUITTO.url());
    assertThat(first.reportIntervalMillis()).isEqualTo(500);
    assertThat(again.nodeId()).isEqualTo(first.nodeId());
    assertThat(again.mqttPassword()).isNotEqualTo(first.mqttPassword());
    assertThat(workers.find(first.nodeId()).orElseThrow().name()).isEqualTo("edge-1");
    assertThat(workers.find(first.nodeId()).orElseThrow().active()).isFalse();
  }

  @Test
  void anInvalidJoinTokenIsRefusedWith401() throws Exception {
    var fp = FakeWorker.fingerprint("edge-2", 2, 2048, "container");

    HttpResponse<String> r =
        FakeWorker.post(
            clusterUrl() + "/api/node/register",
            null,
            new NodeRegistration("no-such-token", null, null, fp));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(WireJson.mapper().readTree(r.body()).get("detail").asString())
        .contains("join token");
  }

  @Test
  void unreadableBodiesAndBadIdsAreProblems() throws Exception {
    HttpResponse<String> r = FakeWorker.post(clusterUrl() + "/api/node/register", null, "[1,2]");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

    HttpResponse<String> badId =
        FakeWorker.post(
            clusterUrl() + "/api/node/register",
            null,
            new NodeRegistration(joinToken(), "../etc/#", null, null));
    assertThat(badId.statusCode()).isEqualTo(400);
  }
}
