package io.canopy.root.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.canopy.root.support.ClusterIT;
import io.canopy.root.support.TestCluster;
import io.canopy.testsupport.PrometheusScrape;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.ResourceClass;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.ClusterResources;
import io.canopy.wire.cluster.RootCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/**
 * {@code /actuator/prometheus} as an operator's Prometheus sees it while a cluster connects and an
 * instance is deployed: the root's series of docs/operations.md, with the values a dashboard shows.
 * The store is shared with the other tests, so counts are compared before and after.
 */
class RootMetricsIT extends ClusterIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aDeployShowsUpInTheInstanceClusterSchedulingLatencyAndChannelSeries() {
    PrometheusScrape before = scrape();
    String cluster = unique("c");
    String credential = register(cluster).credential();
    String user = newUser(unique("u"));
    String serviceId = deployable(user, cluster, 64);
    String tooBig = deployable(user, cluster, 1_000_000);

    try (TestCluster channel = TestCluster.connect(port, credential)) {
      channel.send(new ClusterMessage.SyncRequest(List.of()));
      RootCommand.DesiredState desired = channel.next(RootCommand.DesiredState.class);
      channel.send(new ClusterMessage.Ack(desired.commandId()));
      channel.send(new ClusterMessage.Resources(capacity(6000)));
      PrometheusScrape connected =
          awaitScrape(
              s ->
                  s.value("canopy_clusters", "state", "active")
                      >= before.value("canopy_clusters", "state", "active") + 1);
      assertThat(connected.value("canopy_channel_reconnects_total"))
          .isEqualTo(before.value("canopy_channel_reconnects_total") + 1);

      MvcResult deployed = postAs(user, "/api/service/" + serviceId + "/instance", "{}");
      assertThat(deployed.getResponse().getStatus()).as(body(deployed)).isEqualTo(201);
      String instanceId = json(deployed).get("instance_id").asString();
      RootCommand.Deploy deploy =
          channel.next(RootCommand.Deploy.class, d -> d.instance().instanceId().equals(instanceId));
      // not acknowledged yet: the deploy waits in the outbox
      PrometheusScrape sent =
          awaitScrape(
              s ->
                  s.value("canopy_channel_pending_commands")
                      >= before.value("canopy_channel_pending_commands") + 1);
      assertThat(sent.value("canopy_instances", "state", "CLUSTER_SCHEDULED"))
          .isGreaterThanOrEqualTo(1);

      channel.send(new ClusterMessage.Ack(deploy.commandId()));
      report(channel, instanceId, InstanceState.NODE_SCHEDULED);
      report(channel, instanceId, InstanceState.RUNNING);
      PrometheusScrape running =
          awaitScrape(
              s ->
                  s.value("canopy_instances", "state", "RUNNING")
                      == before.value("canopy_instances", "state", "RUNNING") + 1);

      assertThat(running.value("canopy_channel_pending_commands"))
          .isEqualTo(before.value("canopy_channel_pending_commands"));
      assertThat(running.value("canopy_deploy_latency_seconds_count"))
          .isEqualTo(before.value("canopy_deploy_latency_seconds_count") + 1);
      assertThat(running.value("canopy_deploy_latency_seconds_sum"))
          .isGreaterThan(before.value("canopy_deploy_latency_seconds_sum"));
      assertThat(running.value("canopy_deploy_latency_seconds_bucket", "le", "+Inf"))
          .isEqualTo(running.value("canopy_deploy_latency_seconds_count"));
      assertThat(
              running.value("canopy_scheduling_results_total", "tier", "root", "result", "placed"))
          .isGreaterThanOrEqualTo(
              before
                      .sum("canopy_scheduling_results_total", "tier", "root", "result", "placed")
                      .orElse(0)
                  + 1);
      assertThat(running.value("canopy_scheduling_duration_seconds_count", "tier", "root"))
          .isGreaterThanOrEqualTo(1);
      assertThat(
              running.value(
                  "canopy_scheduling_duration_seconds_bucket", "tier", "root", "le", "+Inf"))
          .isEqualTo(running.value("canopy_scheduling_duration_seconds_count", "tier", "root"));

      // a restart (DEAD → RUNNING) is no deploy: the latency is measured once per instance
      report(channel, instanceId, InstanceState.DEAD);
      report(channel, instanceId, InstanceState.RUNNING);
      awaitScrape(
          s ->
              s.value("canopy_instances", "state", "RUNNING")
                  == before.value("canopy_instances", "state", "RUNNING") + 1);
      assertThat(scrape().value("canopy_deploy_latency_seconds_count"))
          .isEqualTo(running.value("canopy_deploy_latency_seconds_count"));

      // no cluster can hold it: counted by reason
      postAs(user, "/api/service/" + tooBig + "/instance", "{}");
      awaitScrape(
          s ->
              s.value(
                          "canopy_scheduling_results_total",
                          "tier",
                          "root",
                          "result",
                          "NO_ACTIVE_CLUSTER_WITH_CAPACITY")
                      >= before.value(
                              "canopy_scheduling_results_total",
                              "tier",
                              "root",
                              "result",
                              "NO_ACTIVE_CLUSTER_WITH_CAPACITY")
                          + 1
                  && s.value("canopy_instances", "state", "UNSCHEDULABLE")
                      >= before.value("canopy_instances", "state", "UNSCHEDULABLE") + 1);
    }
  }

  @Test
  void bootsHttpJvmAndProcessSeriesAreThereToo() {
    PrometheusScrape s = scrape();

    assertThat(s.value("http_server_requests_seconds_count")).isPositive();
    assertThat(s.value("jvm_memory_used_bytes", "area", "heap")).isPositive();
    assertThat(s.value("jvm_threads_live_threads")).isPositive();
    assertThat(s.sum("process_cpu_usage")).isPresent();
    assertThat(s.value("canopy_instances", "state", "FAILED")).isNotNegative();
    assertThat(s.value("canopy_clusters", "state", "inactive")).isNotNegative();
    // every result is there from the start, so increase() sees the first one
    assertThat(
            s.value(
                "canopy_scheduling_results_total", "tier", "root", "result", "NO_ACTIVE_CLUSTER"))
        .isNotNegative();
  }

  private PrometheusScrape scrape() {
    MvcResult r =
        call(get("/actuator/prometheus").header("Authorization", "Bearer " + adminToken()));
    assertThat(r.getResponse().getStatus()).as(body(r)).isEqualTo(200);
    return new PrometheusScrape(body(r));
  }

  private PrometheusScrape awaitScrape(Predicate<PrometheusScrape> until) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    PrometheusScrape last = scrape();
    while (!until.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the scrape did not get there within " + WAIT + ":\n" + last.text());
      }
      sleep(200);
      last = scrape();
    }
    return last;
  }

  /** Capacity as a cluster without workers reports it (ClusterIT's {@code resources} lists one). */
  private static ClusterResources capacity(long freeMemoryMb) {
    return new ClusterResources(
        1,
        1,
        12.5,
        4,
        8192,
        freeMemoryMb,
        0,
        List.of(
            new ResourceClass(
                "amd64", "container", 1, 4, 3, 8192, freeMemoryMb, 0, 0, 3, freeMemoryMb, 0)),
        List.of());
  }

  private static void report(TestCluster channel, String instanceId, InstanceState state) {
    channel.send(
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
