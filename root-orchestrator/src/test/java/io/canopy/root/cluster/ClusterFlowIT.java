package io.canopy.root.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.canopy.root.instance.InstanceStore;
import io.canopy.root.support.ClusterIT;
import io.canopy.root.support.TestCluster;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.InstanceUsage;
import io.canopy.wire.Rejection;
import io.canopy.wire.SchedulingFailure;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.RootCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * Register → connect → deploy → state changes → undeploy, against a cluster on a real WebSocket.
 */
class ClusterFlowIT extends ClusterIT {

  @Test
  void registrationNeedsAValidTokenAndAUniqueName() {
    Registered c = register(unique("c"));
    MvcResult bad =
        call(
            post("/api/clusters/register")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"cluster_name\":\"x1\",\"location\":\"1,2\",\"token\":\"nope\"}"));
    assertThat(bad.getResponse().getStatus()).isEqualTo(401);
    assertThat(json(bad).get("type").asString())
        .isEqualTo("https://canopy.io/problems/invalid-token");

    String t = json(postAs(adminToken(), "/api/clusters/tokens", "")).get("token").asString();
    MvcResult twice =
        call(
            post("/api/clusters/register")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"cluster_name\":\"%s\",\"location\":\"1,2\",\"token\":\"%s\"}"
                        .formatted(c.name(), t)));
    assertThat(twice.getResponse().getStatus()).isEqualTo(409);
    MvcResult place =
        call(
            post("/api/clusters/register")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"cluster_name\":\"%s\",\"location\":\"north\",\"token\":\"%s\"}"
                        .formatted(unique("c"), t)));
    assertThat(place.getResponse().getStatus()).isEqualTo(422);
    assertThat(json(place).get("field").asString()).isEqualTo("location");

    Throwable refused = TestCluster.refusal(port, "not-a-credential");
    assertThat(refused).isNotNull();
    StringBuilder chain = new StringBuilder();
    for (Throwable x = refused; x != null; x = x.getCause()) {
      chain.append(x).append(' ');
    }
    assertThat(chain.toString()).contains("401");
  }

  @Test
  void deployRunsThroughTheClusterAndUndeployReachesIt() throws Exception {
    Registered c = register(unique("c"));
    String user = newUser(unique("u"));
    String serviceId = deployable(user, c.name(), 64);
    try (TestCluster cluster = connect(c, 6000)) {
      MvcResult deployed = postAs(user, "/api/service/" + serviceId + "/instance", "{}");
      assertThat(deployed.getResponse().getStatus()).as(body(deployed)).isEqualTo(201);
      JsonNode instance = json(deployed);
      String instanceId = instance.get("instance_id").asString();
      assertThat(instance.get("state").asString()).isEqualTo("CLUSTER_SCHEDULED");
      assertThat(instance.get("cluster_id").asString()).isEqualTo(c.id());

      RootCommand.Deploy deploy =
          cluster.next(RootCommand.Deploy.class, d -> d.instance().instanceId().equals(instanceId));
      assertThat(deploy.instance().serviceFullName()).endsWith(".test.web.test");
      assertThat(deploy.instance().serviceIp()).startsWith("10.30.");
      assertThat(deploy.instance().service().code()).isEqualTo("canopy-test/busybox");
      // Not acknowledged: the root sends it again, with the same command id.
      RootCommand.Deploy again =
          cluster.next(RootCommand.Deploy.class, d -> d.commandId().equals(deploy.commandId()));
      cluster.send(new ClusterMessage.Ack(again.commandId()));

      report(cluster, instanceId, InstanceState.NODE_SCHEDULED);
      report(cluster, instanceId, InstanceState.RUNNING);
      JsonNode running =
          awaitInstance(user, serviceId, i -> i.get("status").asString().equals("RUNNING"));
      assertThat(running.get("worker_id").asString()).isEqualTo("node-1");
      assertThat(running.get("publicip").asString()).isEqualTo("127.0.0.1");
      assertThat(running.get("cluster_location").asString()).isEqualTo("48.14,11.58");

      // RUNNING → NODE_SCHEDULED is not in the lifecycle: refused, not applied.
      report(cluster, instanceId, InstanceState.NODE_SCHEDULED);
      Thread.sleep(500);
      assertThat(instanceOf(user, serviceId).get("state").asString()).isEqualTo("RUNNING");

      CompletableFuture<MvcResult> logs =
          CompletableFuture.supplyAsync(
              () -> getAs(user, "/api/service/" + serviceId + "/instance/0/logs?lines=2"));
      RootCommand.FetchLogs fetch = cluster.next(RootCommand.FetchLogs.class);
      assertThat(fetch.lines()).isEqualTo(2);
      cluster.send(
          new ClusterMessage.LogsResult(fetch.requestId(), instanceId, List.of("a", "b"), null));
      assertThat(json(logs.get()).get("lines").toString()).isEqualTo("[\"a\",\"b\"]");

      cluster.send(new ClusterMessage.SubnetRequest("s1", "node-1"));
      String cidr = cluster.next(RootCommand.SubnetGranted.class).cidr();
      assertThat(cidr).matches("10\\.(1[89]|2[0-9])\\.\\d+\\.\\d+/26");
      cluster.send(new ClusterMessage.SubnetRequest("s2", "node-1"));
      assertThat(cluster.next(RootCommand.SubnetGranted.class).cidr()).isEqualTo(cidr);

      JsonNode workers = json(getAs(user, "/api/clusters/" + c.id() + "/workers"));
      assertThat(workers.get(0).get("node_id").asString()).isEqualTo("node-1");
    }

    // Reconnected, the cluster asks for its desired state: the running instance is in it.
    try (TestCluster cluster = TestCluster.connect(port, c.credential())) {
      cluster.send(new ClusterMessage.SyncRequest(List.of()));
      RootCommand.DesiredState desired = cluster.next(RootCommand.DesiredState.class);
      assertThat(desired.instances()).hasSize(1);
      String instanceId = desired.instances().get(0).instanceId();
      cluster.send(new ClusterMessage.Ack(desired.commandId()));

      // A copy the root does not know about is told to go.
      report(cluster, "0123456789abcdef01234567", InstanceState.RUNNING);
      assertThat(
              cluster
                  .next(
                      RootCommand.Undeploy.class,
                      u -> u.instanceId().equals("0123456789abcdef01234567"))
                  .instanceId())
          .isNotNull();

      MvcResult removed = deleteAs(user, "/api/service/" + serviceId + "/instance/0");
      assertThat(removed.getResponse().getStatus()).isEqualTo(200);
      RootCommand.Undeploy undeploy =
          cluster.next(RootCommand.Undeploy.class, u -> u.instanceId().equals(instanceId));
      cluster.send(new ClusterMessage.Ack(undeploy.commandId()));
      JsonNode svc = json(getAs(user, "/api/service/" + serviceId));
      assertThat(svc.get("instance_list")).isEmpty();
    }
    assertThat(deleteAs(adminToken(), "/api/clusters/" + c.id()).getResponse().getStatus())
        .isEqualTo(200);
    assertThat(names(json(getAs(adminToken(), "/api/clusters/")))).doesNotContain(c.name());
  }

  @Test
  void usageFromTheResourcesReportFillsABoundedHistoryBesideStateChanges() throws Exception {
    Registered c = register(unique("c"));
    String user = newUser(unique("u"));
    String serviceId = deployable(user, c.name(), 64);
    try (TestCluster cluster = connect(c, 6000)) {
      String instanceId =
          json(postAs(user, "/api/service/" + serviceId + "/instance", "{}"))
              .get("instance_id")
              .asString();
      RootCommand.Deploy deploy = cluster.next(RootCommand.Deploy.class);
      cluster.send(new ClusterMessage.Ack(deploy.commandId()));
      report(cluster, instanceId, InstanceState.NODE_SCHEDULED);
      report(cluster, instanceId, InstanceState.CREATING);
      awaitInstance(user, serviceId, i -> i.get("state").asString().equals("CREATING"));
      JsonNode fresh = instanceOf(user, serviceId);
      assertThat(fresh.get("cpu_history")).isEmpty();
      assertThat(fresh.get("memory_history")).isEmpty();

      // more samples than are kept, one per report, while the state moves on: neither loses
      int samples = InstanceStore.USAGE_HISTORY + 5;
      Instant start = Instant.parse("2026-11-22T10:00:00Z");
      for (int n = 1; n <= samples; n++) {
        cluster.send(
            new ClusterMessage.Resources(
                resources(6000),
                List.of(
                    new InstanceUsage(instanceId, n, n * 1024L * 1024, start.plusSeconds(2L * n)),
                    // another cluster's instance, and one that does not exist: ignored
                    new InstanceUsage("0123456789abcdef01234567", 50, 1, start)),
                null));
        if (n == samples / 2) {
          report(cluster, instanceId, InstanceState.RUNNING);
        }
      }

      JsonNode running =
          awaitInstance(
              user,
              serviceId,
              i ->
                  i.get("cpu_history").size() == InstanceStore.USAGE_HISTORY
                      && i.get("cpu_history")
                              .get(InstanceStore.USAGE_HISTORY - 1)
                              .get("value")
                              .asDouble()
                          == samples);
      assertThat(running.get("state").asString()).isEqualTo("RUNNING");
      JsonNode cpu = running.get("cpu_history");
      JsonNode memory = running.get("memory_history");
      assertThat(memory).hasSize(InstanceStore.USAGE_HISTORY);
      // the oldest went; the rest in order, CPU in %, memory in MB, Oakestra's {timestamp, value}
      int first = samples - InstanceStore.USAGE_HISTORY + 1;
      assertThat(cpu.get(0).get("value").asDouble()).isEqualTo(first);
      assertThat(memory.get(0).get("value").asDouble()).isEqualTo(first);
      assertThat(cpu.get(0).get("timestamp").asString())
          .isEqualTo(start.plusSeconds(2L * first).toString());
      assertThat(memory.get(InstanceStore.USAGE_HISTORY - 1).get("value").asDouble())
          .isEqualTo(samples);
      assertThat(cpu.get(0).propertyNames()).containsExactlyInAnyOrder("timestamp", "value");
      // the list of a service's instances stays light
      String applicationId =
          json(getAs(user, "/api/service/" + serviceId)).get("applicationID").asString();
      JsonNode listed = json(getAs(user, "/api/services/" + applicationId));
      assertThat(listed.get(0).get("instance_list")).hasSize(1);
      assertThat(listed.toString()).doesNotContain("cpu_history");
    }
  }

  @Test
  void noClusterWithCapacityIsShownWithReasonsAndRetriedWhenCapacityArrives() {
    Registered c = register(unique("c"));
    String user = newUser(unique("u"));
    String serviceId = deployable(user, c.name(), 4096);
    try (TestCluster cluster = connect(c, 1000)) {
      JsonNode instance = json(postAs(user, "/api/service/" + serviceId + "/instance", ""));
      assertThat(instance.get("state").asString()).isEqualTo("UNSCHEDULABLE");
      assertThat(instance.get("status").asString()).isEqualTo("NO_ACTIVE_CLUSTER_WITH_CAPACITY");
      JsonNode mine = null;
      for (JsonNode r : instance.get("rejections")) {
        if (r.get("candidate_id").asString().equals(c.id())) {
          mine = r;
        }
      }
      assertThat(mine).as(instance.toString()).isNotNull();
      assertThat(mine.get("reason").asString()).containsIgnoringCase("memory");

      cluster.send(new ClusterMessage.Resources(resources(8000)));
      RootCommand.Deploy deploy = cluster.next(RootCommand.Deploy.class);
      String instanceId = deploy.instance().instanceId();
      cluster.send(new ClusterMessage.Ack(deploy.commandId()));
      awaitInstance(user, serviceId, i -> i.get("state").asString().equals("CLUSTER_SCHEDULED"));

      // The cluster finds no worker after all: shown with its reasons, and placed again later.
      cluster.send(
          new ClusterMessage.InstanceChanged(
              List.of(
                  InstanceStatus.unschedulable(
                      instanceId,
                      c.id(),
                      SchedulingFailure.NO_WORKER_CAPACITY,
                      List.of(new Rejection("node-1", "worker-1", "needs 4096 MB, 1000 free"))))));
      RootCommand.Deploy retried =
          cluster.next(RootCommand.Deploy.class, d -> d.instance().instanceId().equals(instanceId));
      assertThat(retried.commandId()).isNotEqualTo(deploy.commandId());
    }
  }

  @Test
  void updatingAServiceReplacesItsInstancesOneAtATime() {
    Registered c = register(unique("c"));
    String user = newUser(unique("u"));
    String serviceId = deployable(user, c.name(), 64);
    try (TestCluster cluster = connect(c, 6000)) {
      String first =
          json(postAs(user, "/api/service/" + serviceId + "/instance", ""))
              .get("instance_id")
              .asString();
      RootCommand.Deploy d0 =
          cluster.next(RootCommand.Deploy.class, d -> d.instance().instanceId().equals(first));
      cluster.send(new ClusterMessage.Ack(d0.commandId()));
      report(cluster, first, InstanceState.NODE_SCHEDULED);
      report(cluster, first, InstanceState.RUNNING);
      awaitInstance(user, serviceId, i -> i.get("state").asString().equals("RUNNING"));

      String entry =
          """
          {"microservice_name": "web", "microservice_namespace": "test",
           "virtualization": "container", "code": "canopy-test/busybox", "memory": 65,
           "vcpus": 1, "cmd": ["httpd", "-f"],
           "constraints": [{"type": "direct", "cluster": "%s"}]}
          """
              .formatted(c.name());
      MvcResult updated = putAs(user, "/api/service/" + serviceId, entry);
      assertThat(updated.getResponse().getStatus()).as(body(updated)).isEqualTo(200);
      assertThat(json(updated).get("revision").asInt()).isEqualTo(1);

      RootCommand.Deploy d1 =
          cluster.next(RootCommand.Deploy.class, d -> !d.instance().instanceId().equals(first));
      assertThat(d1.instance().service().memory()).isEqualTo(65);
      assertThat(d1.instance().instanceNumber()).isEqualTo(1);
      cluster.send(new ClusterMessage.Ack(d1.commandId()));
      // The old instance keeps serving until the new one runs.
      cluster.expectNone(RootCommand.Undeploy.class, Duration.ofSeconds(3));
      report(cluster, d1.instance().instanceId(), InstanceState.NODE_SCHEDULED);
      report(cluster, d1.instance().instanceId(), InstanceState.RUNNING);
      RootCommand.Undeploy gone =
          cluster.next(RootCommand.Undeploy.class, u -> u.instanceId().equals(first));
      cluster.send(new ClusterMessage.Ack(gone.commandId()));
      JsonNode list = json(getAs(user, "/api/service/" + serviceId)).get("instance_list");
      assertThat(list).hasSize(1);
      assertThat(list.get(0).get("revision").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aGivenBackInstanceThatStillRunsIsTakenBackNotStartedTwice() {
    Registered c = register(unique("c"));
    String user = newUser(unique("u"));
    String serviceId = deployable(user, c.name(), 64);
    try (TestCluster cluster = connect(c, 6000)) {
      String id =
          json(postAs(user, "/api/service/" + serviceId + "/instance", ""))
              .get("instance_id")
              .asString();
      RootCommand.Deploy deploy =
          cluster.next(RootCommand.Deploy.class, d -> d.instance().instanceId().equals(id));
      cluster.send(new ClusterMessage.Ack(deploy.commandId()));
      // Reported RUNNING straight away (NODE_SCHEDULED skipped): applied through NODE_SCHEDULED.
      report(cluster, id, InstanceState.RUNNING);
      awaitInstance(user, serviceId, i -> i.get("state").asString().equals("RUNNING"));

      // No room left, and the cluster gives the instance back (it thinks its worker is lost) …
      cluster.send(new ClusterMessage.Resources(resources(10)));
      report(cluster, id, InstanceState.CLUSTER_SCHEDULED);
      cluster.send(
          new ClusterMessage.InstanceChanged(
              List.of(
                  InstanceStatus.unschedulable(
                      id, c.id(), SchedulingFailure.NO_ACTIVE_WORKER, List.of()))));
      awaitInstance(user, serviceId, i -> i.get("state").asString().equals("UNSCHEDULABLE"));
      // … then finds it running after all: the root takes it back instead of stopping it.
      report(cluster, id, InstanceState.RUNNING);
      JsonNode back =
          awaitInstance(user, serviceId, i -> i.get("state").asString().equals("RUNNING"));
      assertThat(back.get("cluster_id").asString()).isEqualTo(c.id());
      cluster.expectNone(RootCommand.Undeploy.class, Duration.ofSeconds(2));
    }
  }

  @Test
  void deletingAClusterClosesItsChannelAndRequeuesItsInstances() {
    Registered c = register(unique("c"));
    String user = newUser(unique("u"));
    String serviceId = deployable(user, c.name(), 64);
    try (TestCluster cluster = connect(c, 6000)) {
      postAs(user, "/api/service/" + serviceId + "/instance", "");
      cluster.next(RootCommand.Deploy.class);
      assertThat(deleteAs(user, "/api/clusters/" + c.id()).getResponse().getStatus())
          .isEqualTo(403);
      assertThat(deleteAs(adminToken(), "/api/clusters/" + c.id()).getResponse().getStatus())
          .isEqualTo(200);
      assertThat(cluster.closedByRoot(Duration.ofSeconds(5))).isTrue();
      JsonNode i =
          awaitInstance(user, serviceId, x -> x.get("state").asString().equals("UNSCHEDULABLE"));
      assertThat(i.get("cluster_id")).isNull();
      assertThat(TestCluster.refusal(port, c.credential())).isNotNull();
    }
  }

  @Test
  void aFinishedInstanceStaysInTheDesiredStateAsFinishedUntilItIsRemoved() throws Exception {
    Registered c = register(unique("c"));
    String user = newUser(unique("u"));
    String serviceId = deployable(user, c.name(), 64);
    String instanceId;
    try (TestCluster cluster = connect(c, 6000)) {
      MvcResult deployed = postAs(user, "/api/service/" + serviceId + "/instance", "{}");
      instanceId = json(deployed).get("instance_id").asString();
      RootCommand.Deploy deploy =
          cluster.next(RootCommand.Deploy.class, d -> d.instance().instanceId().equals(instanceId));
      cluster.send(new ClusterMessage.Ack(deploy.commandId()));
      report(cluster, instanceId, InstanceState.NODE_SCHEDULED);
      report(cluster, instanceId, InstanceState.RUNNING);
      report(cluster, instanceId, InstanceState.COMPLETED);
      awaitInstance(user, serviceId, i -> i.get("status").asString().equals("COMPLETED"));
    }

    // After a reconnect the cluster keeps it as it is: not run again, not removed.
    try (TestCluster cluster = TestCluster.connect(port, c.credential())) {
      cluster.send(new ClusterMessage.SyncRequest(List.of()));
      RootCommand.DesiredState desired = cluster.next(RootCommand.DesiredState.class);
      assertThat(desired.instances()).isEmpty();
      assertThat(desired.finished()).containsExactly(instanceId);
      cluster.send(new ClusterMessage.Ack(desired.commandId()));
    }
    assertThat(instanceOf(user, serviceId).get("state").asString()).isEqualTo("COMPLETED");
  }

  private void report(TestCluster cluster, String instanceId, InstanceState state) {
    cluster.send(
        new ClusterMessage.InstanceChanged(
            List.of(
                new InstanceStatus(
                    instanceId,
                    state,
                    null,
                    "node-1",
                    "worker-1",
                    "10.18.0.2",
                    "127.0.0.1",
                    "c0ffee",
                    null,
                    null,
                    null,
                    List.of(),
                    Instant.now()))));
  }

  private JsonNode instanceOf(String token, String serviceId) {
    return json(getAs(token, "/api/service/" + serviceId)).get("instance_list").get(0);
  }

  private JsonNode awaitInstance(String token, String serviceId, Predicate<JsonNode> until) {
    JsonNode[] last = new JsonNode[1];
    awaitJson(
        token,
        "/api/service/" + serviceId,
        svc -> {
          JsonNode list = svc.get("instance_list");
          last[0] = list.isEmpty() ? null : list.get(0);
          return last[0] != null && until.test(last[0]);
        });
    return last[0];
  }
}
