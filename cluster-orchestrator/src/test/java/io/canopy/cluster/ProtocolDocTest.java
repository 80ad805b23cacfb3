package io.canopy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.InstanceUsage;
import io.canopy.wire.Rejection;
import io.canopy.wire.ResourceClass;
import io.canopy.wire.SchedulingFailure;
import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.ClusterRegistration;
import io.canopy.wire.cluster.ClusterResources;
import io.canopy.wire.cluster.RootCommand;
import io.canopy.wire.cluster.WorkerSummary;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.OverlayView;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import io.canopy.wire.node.Fingerprint;
import io.canopy.wire.node.NodeCommand;
import io.canopy.wire.node.NodeMessage;
import io.canopy.wire.node.NodeRegistration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md shows one JSON example per message; they are the records serialized with the
 * wire mapping, and this test keeps the page and the records in step. Run it with {@code
 * -Dcanopy.print-examples=true} to print the examples after a record changed.
 */
class ProtocolDocTest {
  static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");
  static final String INSTANCE = "6650c0ffee0000000000a001";
  static final String NODE = "3f9a1c2b7d4e5f6a7b8c9d0e";

  @Test
  void everyExampleInTheProtocolPageIsWhatTheRecordsSerializeTo() throws Exception {
    Map<String, String> examples = examples();
    if (Boolean.getBoolean("canopy.print-examples")) {
      examples.forEach((name, json) -> System.out.println("#### " + name + "\n" + json + "\n"));
    }
    String page = Files.readString(Path.of("../docs/protocol.md"));
    for (Map.Entry<String, String> e : examples.entrySet()) {
      assertThat(page)
          .as("docs/protocol.md shows the %s example as the record serializes it", e.getKey())
          .contains("```json\n" + e.getValue() + "\n```");
    }
  }

  static Map<String, String> examples() {
    InstanceSpec spec = spec();
    Fingerprint fp =
        new Fingerprint(
            "edge-1",
            "amd64",
            "Linux 6.1.0",
            4,
            12.5,
            7820,
            5210,
            51200,
            30100,
            List.of(),
            List.of("container"),
            "192.168.1.20");
    InstanceStatus running =
        new InstanceStatus(
            INSTANCE,
            InstanceState.RUNNING,
            "6650c0ffee0000000000c1a5",
            NODE,
            "edge-1",
            "10.18.0.2",
            "192.168.1.20",
            "4b1d2c3e9f00",
            null,
            null,
            null,
            List.of(),
            AT);
    InstanceStatus onWorker =
        new InstanceStatus(
            INSTANCE,
            InstanceState.RUNNING,
            null,
            NODE,
            null,
            "10.18.0.2",
            null,
            "4b1d2c3e9f00",
            null,
            null,
            null,
            List.of(),
            AT);
    InstanceStatus unschedulable =
        new InstanceStatus(
            "6650c0ffee0000000000a002",
            InstanceState.UNSCHEDULABLE,
            "6650c0ffee0000000000c1a5",
            null,
            null,
            null,
            null,
            null,
            null,
            "NO_WORKER_CAPACITY",
            SchedulingFailure.NO_WORKER_CAPACITY,
            List.of(new Rejection(NODE, "edge-1", "needs 100000 MB memory, 7308 MB free")),
            AT);
    ClusterResources resources =
        new ClusterResources(
            1,
            1,
            12.5,
            4,
            7820,
            7308,
            0,
            List.of(
                new ResourceClass("amd64", "container", 1, 4, 3.5, 7820, 7308, 0, 0, 3.5, 7308, 0)),
            List.of(
                new WorkerSummary(
                    NODE,
                    "edge-1",
                    "amd64",
                    List.of("container"),
                    4,
                    12.5,
                    7820,
                    7308,
                    "10.18.0.0/26",
                    "192.168.1.20",
                    true,
                    AT)));
    Map<String, String> m = new LinkedHashMap<>();
    m.put(
        "cluster registration", json(new ClusterRegistration("site-a", "48.1374,11.5755", "Yt7…")));
    m.put(
        "cluster registration accepted",
        json(new ClusterRegistration.Accepted("6650c0ffee0000000000c1a5", "c2VjcmV0…")));
    m.put("deploy", json(new RootCommand.Deploy("cmd-1", spec)));
    m.put("undeploy", json(new RootCommand.Undeploy("cmd-2", INSTANCE)));
    m.put(
        "desired-state",
        json(
            new RootCommand.DesiredState(
                "cmd-3", List.of(spec), List.of("6650c0ffee0000000000a009"))));
    m.put("root fetch-logs", json(new RootCommand.FetchLogs("req-1", INSTANCE, 100)));
    m.put("subnet-granted", json(new RootCommand.SubnetGranted("req-2", NODE, "10.18.0.0/26")));
    m.put(
        "remote-overlay",
        json(
            new RootCommand.RemoteOverlay(
                new OverlayView(
                    Map.of(
                        "10.30.0.5",
                        List.of(
                            new ServiceInstance(
                                "6650c0ffee0000000000a004", "10.18.0.130", "203.0.113.7"))),
                    Map.of(
                        "8a7b6c5d4e3f2a1b0c9d8e7f@site-b",
                        new Peer("203.0.113.7", "10.18.0.128/26"))))));
    m.put("cluster ack", json(new ClusterMessage.Ack("cmd-1")));
    InstanceUsage usage = new InstanceUsage(INSTANCE, 1.5, 3_571_712, AT);
    m.put(
        "resources",
        json(
            new ClusterMessage.Resources(
                resources,
                List.of(usage),
                new OverlayView(
                    Map.of(
                        "10.30.0.5",
                        List.of(new ServiceInstance(INSTANCE, "10.18.0.2", "192.168.1.20"))),
                    Map.of(NODE, new Peer("192.168.1.20", "10.18.0.0/26"))))));
    m.put("instance-changed", json(new ClusterMessage.InstanceChanged(List.of(running))));
    m.put(
        "instance-changed unschedulable",
        json(new ClusterMessage.InstanceChanged(List.of(unschedulable))));
    m.put("sync-request", json(new ClusterMessage.SyncRequest(List.of(running))));
    m.put(
        "cluster logs-result",
        json(new ClusterMessage.LogsResult("req-1", INSTANCE, List.of("started", "ready"), null)));
    m.put("subnet-request", json(new ClusterMessage.SubnetRequest("req-2", NODE)));
    m.put("node registration", json(new NodeRegistration("Jt0…", null, "edge-1", fp)));
    m.put(
        "node registration accepted",
        json(
            new NodeRegistration.Accepted(
                NODE, "tcp://192.168.1.10:10003", NODE, "p4ss…", 2000, "10.18.0.0/26")));
    m.put("start", json(new NodeCommand.Start("c-1", spec.onNode(NODE))));
    m.put("stop", json(new NodeCommand.Stop("c-2", INSTANCE)));
    m.put(
        "desired",
        json(
            new NodeCommand.Desired(
                "c-3", List.of(spec.onNode(NODE)), List.of("6650c0ffee0000000000a009"))));
    m.put("node fetch-logs", json(new NodeCommand.FetchLogs("req-1", INSTANCE, 100)));
    m.put("report", json(new NodeMessage.Report(NODE, fp, AT)));
    m.put("node instance-changed", json(new NodeMessage.InstanceChanged(onWorker)));
    m.put(
        "instance-list",
        json(new NodeMessage.InstanceList(NODE, List.of(onWorker), AT, List.of(usage))));
    m.put("liveness", json(new NodeMessage.Liveness(NODE, true)));
    m.put("last will", json(new NodeMessage.Liveness(NODE, false)));
    m.put("liveness stopping", json(new NodeMessage.Liveness(NODE, false, true)));
    m.put("node ack", json(new NodeMessage.Ack("c-1")));
    m.put(
        "node logs-result",
        json(new NodeMessage.LogsResult("req-1", INSTANCE, List.of("started", "ready"), null)));
    m.put(
        "net tables",
        json(
            new NetworkTable(
                "10.18.0.0/26",
                Map.of(
                    "10.30.0.5",
                    List.of(
                        new ServiceInstance(INSTANCE, "10.18.0.2", "192.168.1.20"),
                        new ServiceInstance(
                            "6650c0ffee0000000000a003", "10.18.0.66", "192.168.1.21"))),
                Map.of("7c1e2d3f4a5b6c7d8e9f0a1b", new Peer("192.168.1.21", "10.18.0.64/26")))));
    return m;
  }

  private static InstanceSpec spec() {
    InstanceSpec s =
        ClusterTestBase.spec(
            INSTANCE,
            "6650c0ffee0000000000b001",
            """
        {"microserviceID":"6650c0ffee0000000000b001","microservice_name":"web",
         "microservice_namespace":"prod","virtualization":"container",
         "code":"canopy-test/busybox","cmd":["httpd","-f","-p","80"],"memory":128,"vcpus":0.5,
         "vgpus":0,"vtpus":0,"bandwidth_in":0,"bandwidth_out":0,"storage":0,"one_shot":false,
         "privileged":false,"port":"8080:80/tcp"}
        """);
    return new InstanceSpec(
        s.instanceId(), s.serviceId(), "shop.prod.web.prod", 0, s.service(), "10.30.0.5", null);
  }

  private static String json(Object value) {
    return WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
  }
}
