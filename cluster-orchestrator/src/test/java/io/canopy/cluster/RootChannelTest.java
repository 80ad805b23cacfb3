package io.canopy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceUsage;
import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.ClusterRegistration;
import io.canopy.wire.cluster.RootCommand;
import io.canopy.wire.cluster.WorkerSummary;
import io.canopy.wire.node.NodeCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RootChannelTest extends ClusterTestBase {

  @Test
  void theClusterRegistersOnceKeepsItsIdentityAndOpensTheChannelWithASyncRequest()
      throws Exception {
    eventually("channel open", () -> ROOT.channelOpens() >= 1);

    assertThat(ROOT.registrations()).containsExactly("test-cluster@48.1,11.5");
    Path identity = DATA_DIR.resolve("root-identity.json");
    ClusterRegistration.Accepted stored =
        WireJson.mapper().readValue(Files.readString(identity), ClusterRegistration.Accepted.class);
    assertThat(stored.clusterId()).isEqualTo(FakeRoot.CLUSTER_ID);
    assertThat(Files.getPosixFilePermissions(identity))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(ROOT.firstAfterOpen()).allMatch(m -> m instanceof ClusterMessage.SyncRequest);
  }

  @Test
  void healthAndPrometheusMetricsAreServed() throws Exception {
    worker("metrics-a", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);
    try (var http = java.net.http.HttpClient.newHttpClient()) {
      var health =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(clusterUrl() + "/actuator/health"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      var metrics =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(clusterUrl() + "/actuator/prometheus"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"UP\"");
      assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("canopy_workers{state=\"active\"}")
          .contains("canopy_instances{state=\"RUNNING\"}")
          .contains("canopy_scheduling_results_total")
          .contains("canopy_scheduling_duration_seconds_bucket")
          .contains("canopy_mqtt_messages_total{direction=\"in\"}")
          .contains("canopy_channel_reconnects_total")
          .contains("canopy_cluster_root_connected 1.0");
    }
  }

  @Test
  void resourcesGoToTheRootEveryFewSecondsWithTheWorkers() throws Exception {
    FakeWorker w = worker("res-a", 4, 8192);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 1, 1024, "")));
    awaitState(id, InstanceState.RUNNING);
    ROOT.clear();

    ClusterMessage.Resources r =
        ROOT.await(
            ClusterMessage.Resources.class,
            m -> m.resources().workers().stream().anyMatch(s -> s.nodeId().equals(w.nodeId)),
            WAIT);

    assertThat(r.resources().activeWorkers()).isEqualTo(1);
    assertThat(r.resources().classes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.arch()).isEqualTo("amd64");
              assertThat(c.virtualization()).isEqualTo("container");
              assertThat(c.maxFreeMemoryMb()).isEqualTo(8192 - 1024);
              assertThat(c.maxFreeVcpus()).isEqualTo(3.0);
            });
    WorkerSummary summary =
        r.resources().workers().stream()
            .filter(s -> s.nodeId().equals(w.nodeId))
            .findFirst()
            .orElseThrow();
    assertThat(summary.name()).isEqualTo("res-a");
    assertThat(summary.active()).isTrue();
    assertThat(summary.runtimes()).containsExactly("container");
  }

  @Test
  void usageSamplesReachTheRootOnceWithTheNextReportOnlyForInstancesPlacedOnTheSender()
      throws Exception {
    FakeWorker w = worker("usage-a", 4, 8192);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);
    String elsewhere = newId();
    Instant first = Instant.parse("2026-11-22T10:00:00Z");
    Instant second = first.plusSeconds(2);
    ROOT.clear();

    // two reports in a row, one of them also naming an instance that is not placed there
    w.publishList(
        Map.of(),
        List.of(
            new InstanceUsage(id, 10, 1_000_000, first),
            new InstanceUsage(elsewhere, 99, 1, first)));
    w.publishList(Map.of(), List.of(new InstanceUsage(id, 20, 2_000_000, second)));

    ROOT.await(
        ClusterMessage.Resources.class,
        r -> r.usage().stream().anyMatch(u -> u.at().equals(second)),
        WAIT);
    // a few more reports go by: nothing is sent again
    Thread.sleep(1500);
    List<InstanceUsage> forwarded =
        ROOT.received(ClusterMessage.Resources.class).stream()
            .flatMap(r -> r.usage().stream())
            .toList();
    assertThat(forwarded).extracting(InstanceUsage::instanceId).containsOnly(id);
    assertThat(forwarded).filteredOn(u -> u.at().equals(second)).hasSize(1);
    assertThat(forwarded).hasSizeLessThanOrEqualTo(2); // the first, unless the second replaced it
    assertThat(forwarded.getLast()).isEqualTo(new InstanceUsage(id, 20, 2_000_000, second));
    assertThat(ROOT.received(ClusterMessage.Resources.class))
        .allSatisfy(r -> assertThat(r.usage()).hasSizeLessThanOrEqualTo(1));
  }

  @Test
  void afterAReconnectTheClusterAsksForAndAppliesTheDesiredState() throws Exception {
    FakeWorker w = worker("sync-a", 4, 4096);
    String kept = newId();
    String dropped = newId();
    String added = newId();
    String finished = newId();
    var keptSpec = container(kept, newId(), 0.5, 256, "");
    ROOT.send(new RootCommand.Deploy("d-" + kept, keptSpec));
    ROOT.send(new RootCommand.Deploy("d-" + dropped, container(dropped, newId(), 0.5, 256, "")));
    awaitState(kept, InstanceState.RUNNING);
    awaitState(dropped, InstanceState.RUNNING);
    ROOT.send(new RootCommand.Deploy("d-" + finished, container(finished, newId(), 0.5, 256, "")));
    awaitState(finished, InstanceState.RUNNING);
    w.status(finished, InstanceState.COMPLETED, 0);
    awaitState(finished, InstanceState.COMPLETED);
    int opens = ROOT.channelOpens();
    var addedSpec = container(added, newId(), 0.5, 256, "");
    ROOT.onSync(
        sync ->
            new RootCommand.DesiredState(
                "desired-" + added, List.of(keptSpec, addedSpec), List.of(finished)));
    try {
      ROOT.dropChannel();

      eventually("reconnected", () -> ROOT.channelOpens() > opens);
      ClusterMessage.SyncRequest sync =
          ROOT.await(ClusterMessage.SyncRequest.class, s -> true, WAIT);
      assertThat(sync.observed())
          .filteredOn(s -> s.instanceId().equals(kept))
          .singleElement()
          .satisfies(s -> assertThat(s.state()).isEqualTo(InstanceState.RUNNING));
      w.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(added), WAIT);
      w.await(NodeCommand.Stop.class, s -> s.instanceId().equals(dropped), WAIT);
      awaitState(added, InstanceState.RUNNING);
      awaitState(dropped, InstanceState.UNDEPLOYED);
      assertThat(instance(kept).state()).isEqualTo(InstanceState.RUNNING);
      ROOT.await(ClusterMessage.Ack.class, a -> a.commandId().equals("desired-" + added), WAIT);
      // a finished instance the root keeps is left as it is: its remains stay on the worker
      assertThat(instance(finished).state()).isEqualTo(InstanceState.COMPLETED);
      assertThat(w.commands(NodeCommand.Stop.class))
          .noneMatch(s -> s.instanceId().equals(finished));
      assertThat(w.commands(NodeCommand.Start.class))
          .filteredOn(s -> s.instance().instanceId().equals(kept))
          .hasSize(1);
    } finally {
      ROOT.onSync(s -> null);
    }
  }

  @Test
  void whileTheRootIsAwayTheClusterKeepsWorking() throws Exception {
    FakeWorker a = worker("away-a", 4, 4096);
    String id = newId();
    ROOT.send(new RootCommand.Deploy("d-" + id, container(id, newId(), 0.5, 256, "")));
    awaitState(id, InstanceState.RUNNING);
    FakeWorker b = worker("away-b", 4, 4096);
    FakeWorker on = instance(id).nodeId().equals(a.nodeId) ? a : b;
    FakeWorker other = on == a ? b : a;
    int opens = ROOT.channelOpens();

    ROOT.dropChannel();
    on.crash();

    other.await(NodeCommand.Start.class, s -> s.instance().instanceId().equals(id), WAIT);
    awaitState(id, InstanceState.RUNNING);
    eventually("reconnected", () -> ROOT.channelOpens() > opens);
    // The root learns where it runs now: from the sync request or from the change after it.
    eventually(
        "the root sees it running on " + other.nodeId,
        () ->
            ROOT.received().stream()
                .flatMap(
                    m ->
                        switch (m) {
                          case ClusterMessage.SyncRequest r -> r.observed().stream();
                          case ClusterMessage.InstanceChanged c -> c.statuses().stream();
                          default -> java.util.stream.Stream.empty();
                        })
                .anyMatch(
                    st ->
                        st.instanceId().equals(id)
                            && other.nodeId.equals(st.nodeId())
                            && st.state() == InstanceState.RUNNING));
  }
}
