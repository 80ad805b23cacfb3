package io.canopy.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.sla.Microservice;
import io.canopy.sla.SlaReader;
import io.canopy.wire.cluster.ClusterMessage;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every message crossing tiers survives WireJson both ways and names its kind in "type". */
class WireJsonRoundTripTest {
  private static final JsonMapper JSON = WireJson.mapper();
  private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123Z");

  private static Microservice nginx() {
    String sla =
        """
        {"sla_version":"v2.0","customerID":"Admin","applications":[{"application_name":"app",
         "application_namespace":"test","microservices":[{"microservice_name":"nginx",
         "microservice_namespace":"test","virtualization":"container","memory":100,"vcpus":1,
         "code":"docker.io/library/nginx:latest","port":"80:80/tcp",
         "addresses":{"rr_ip":"10.30.55.55"},"constraints":[{"type":"direct","node":"w1"}]}]}]}
        """;
    return SlaReader.read(sla).sla().applications().get(0).microservices().get(0);
  }

  private static InstanceSpec spec() {
    return new InstanceSpec(
        "65f000000000000000000001",
        "65f0000000000000000000aa",
        "app.test.nginx.test",
        0,
        nginx(),
        "10.30.55.55",
        null);
  }

  private static InstanceStatus status() {
    return new InstanceStatus(
        "65f000000000000000000001",
        InstanceState.UNSCHEDULABLE,
        "c1",
        "n1",
        "worker-1",
        "10.18.0.5",
        "192.0.2.10",
        "abc123",
        0,
        "NO_WORKER_CAPACITY",
        SchedulingFailure.NO_WORKER_CAPACITY,
        List.of(new Rejection("n1", "worker-1", "needs 4096 MB memory, 1024 MB free")),
        AT);
  }

  private static InstanceUsage usage() {
    return new InstanceUsage("65f000000000000000000001", 12.75, 3_571_712, AT);
  }

  static Stream<Object[]> messages() {
    Fingerprint fingerprint =
        new Fingerprint(
            "worker-1",
            "amd64",
            "Linux 6.1.0",
            4,
            12.5,
            8192,
            4096,
            100000,
            50000,
            List.of(new Fingerprint.Gpu("RTX", 8192, 8000, 1.5)),
            List.of("container"),
            "192.0.2.10");
    ClusterResources resources =
        new ClusterResources(
            1,
            2,
            10.0,
            4,
            8192,
            4096,
            0,
            List.of(new ResourceClass("amd64", "container", 1, 4, 3, 8192, 4096, 0, 0, 3, 4096, 0)),
            List.of(
                new WorkerSummary(
                    "n1",
                    "worker-1",
                    "amd64",
                    List.of("container"),
                    4,
                    12.5,
                    8192,
                    4096,
                    "10.18.0.0/26",
                    "192.0.2.10",
                    true,
                    AT)));
    OverlayView overlay =
        new OverlayView(
            Map.of("10.30.55.55", List.of(new ServiceInstance("i1", "10.18.0.2", "192.0.2.10"))),
            Map.of("n1", new Peer("192.0.2.10", "10.18.0.0/26")));
    return Stream.of(
        new Object[] {RootCommand.class, new RootCommand.Deploy("c1", spec()), "deploy"},
        new Object[] {RootCommand.class, new RootCommand.Undeploy("c2", "i1"), "undeploy"},
        new Object[] {
          RootCommand.class,
          new RootCommand.DesiredState("c3", List.of(spec()), List.of("i-8")),
          "desired-state"
        },
        new Object[] {RootCommand.class, new RootCommand.FetchLogs("r1", "i1", 50), "fetch-logs"},
        new Object[] {
          RootCommand.class,
          new RootCommand.SubnetGranted("r2", "n1", "10.18.0.0/26"),
          "subnet-granted"
        },
        new Object[] {RootCommand.class, new RootCommand.RemoteOverlay(overlay), "remote-overlay"},
        new Object[] {ClusterMessage.class, new ClusterMessage.Ack("c1"), "ack"},
        new Object[] {
          ClusterMessage.class, new ClusterMessage.Resources(resources, overlay), "resources"
        },
        new Object[] {ClusterMessage.class, new ClusterMessage.Resources(resources), "resources"},
        new Object[] {
          ClusterMessage.class,
          new ClusterMessage.Resources(resources, List.of(usage())),
          "resources"
        },
        new Object[] {
          ClusterMessage.class,
          new ClusterMessage.InstanceChanged(List.of(status())),
          "instance-changed"
        },
        new Object[] {
          ClusterMessage.class, new ClusterMessage.SyncRequest(List.of(status())), "sync-request"
        },
        new Object[] {
          ClusterMessage.class,
          new ClusterMessage.LogsResult("r1", "i1", List.of("a", "b"), null),
          "logs-result"
        },
        new Object[] {
          ClusterMessage.class, new ClusterMessage.SubnetRequest("r2", "n1"), "subnet-request"
        },
        new Object[] {NodeCommand.class, new NodeCommand.Start("c1", spec().onNode("n1")), "start"},
        new Object[] {NodeCommand.class, new NodeCommand.Stop("c2", "i1"), "stop"},
        new Object[] {
          NodeCommand.class,
          new NodeCommand.Desired("c3", List.of(spec()), List.of("i-9")),
          "desired"
        },
        new Object[] {NodeCommand.class, new NodeCommand.FetchLogs("r1", "i1", 10), "fetch-logs"},
        new Object[] {NodeMessage.class, new NodeMessage.Report("n1", fingerprint, AT), "report"},
        new Object[] {
          NodeMessage.class, new NodeMessage.InstanceChanged(status()), "instance-changed"
        },
        new Object[] {
          NodeMessage.class,
          new NodeMessage.InstanceList("n1", List.of(status()), AT),
          "instance-list"
        },
        new Object[] {
          NodeMessage.class,
          new NodeMessage.InstanceList("n1", List.of(status()), AT, List.of(usage())),
          "instance-list"
        },
        new Object[] {NodeMessage.class, new NodeMessage.Liveness("n1", false), "liveness"},
        new Object[] {NodeMessage.class, new NodeMessage.Liveness("n1", false, true), "liveness"},
        new Object[] {NodeMessage.class, new NodeMessage.Ack("c1"), "ack"},
        new Object[] {
          NodeMessage.class,
          new NodeMessage.LogsResult("r1", "i1", List.of(), "no such instance"),
          "logs-result"
        });
  }

  @ParameterizedTest(name = "{2}: {1}")
  @MethodSource("messages")
  void roundTripsWithItsTypeProperty(Class<?> base, Object message, String type) {
    String json = JSON.writeValueAsString(message);

    assertThat(JSON.readTree(json).get("type").stringValue()).isEqualTo(type);
    assertThat(JSON.readValue(json, base)).isEqualTo(message);
  }

  @Test
  void aLastWillSaysNothingOfStoppingAndOldWillsStillParse() {
    assertThat(JSON.writeValueAsString(new NodeMessage.Liveness("n1", false)))
        .doesNotContain("stopping");
    assertThat(
            JSON.readValue(
                "{\"type\":\"liveness\",\"nodeId\":\"n1\",\"online\":false}", NodeMessage.class))
        .isEqualTo(new NodeMessage.Liveness("n1", false, false));
  }

  @Test
  void theServiceKeepsOakestraNamesOnTheWire() {
    JsonNode service =
        JSON.readTree(JSON.writeValueAsString(new RootCommand.Deploy("c1", spec())))
            .get("instance")
            .get("service");

    assertThat(service.get("microservice_name").stringValue()).isEqualTo("nginx");
    assertThat(service.get("addresses").get("rr_ip").stringValue()).isEqualTo("10.30.55.55");
    assertThat(service.get("one_shot").booleanValue()).isFalse();
    assertThat(service.has("microserviceName")).isFalse();
  }

  @Test
  void theNetworkTableKeepsItsShapeBothWays() {
    NetworkTable table =
        new NetworkTable(
            "10.18.0.0/26",
            Map.of(
                "10.30.0.1",
                List.of(
                    new ServiceInstance("a", "10.18.0.2", "192.0.2.10"),
                    new ServiceInstance("b", "10.18.0.66", null))),
            Map.of("worker-b", new Peer("192.0.2.11", "10.18.0.64/26")));

    JsonNode json = JSON.readTree(table.toJson());

    assertThat(json.get("subnet").stringValue()).isEqualTo("10.18.0.0/26");
    JsonNode first = json.get("services").get("10.30.0.1").get(0);
    assertThat(first.get("instanceId").stringValue()).isEqualTo("a");
    assertThat(first.get("instanceIp").stringValue()).isEqualTo("10.18.0.2");
    assertThat(first.get("underlay").stringValue()).isEqualTo("192.0.2.10");
    assertThat(json.get("peers").get("worker-b").get("underlay").stringValue())
        .isEqualTo("192.0.2.11");
    assertThat(json.get("peers").get("worker-b").get("subnet").stringValue())
        .isEqualTo("10.18.0.64/26");
    assertThat(NetworkTable.fromJson(table.toJson())).isEqualTo(table);
    assertThat(JSON.readValue(JSON.writeValueAsString(table), NetworkTable.class)).isEqualTo(table);
  }

  @Test
  void aNetworkTableReadsTheClusterJsonKeepsOrderAndEmptiesMissingParts() {
    NetworkTable table =
        NetworkTable.fromJson(
            """
            {"subnet":"10.18.0.0/26",
             "services":{"10.30.0.1":[
               {"instanceId":"a","instanceIp":"10.18.0.2","underlay":"192.0.2.10"},
               {"instanceId":"b","instanceIp":"10.18.0.66","underlay":"192.0.2.11"}]},
             "peers":{"worker-b":{"underlay":"192.0.2.11","subnet":"10.18.0.64/26"}},
             "somethingNewer":true}
            """);

    assertThat(table.services().get("10.30.0.1"))
        .extracting(ServiceInstance::instanceIp)
        .containsExactly("10.18.0.2", "10.18.0.66");
    assertThat(table.peers()).containsEntry("worker-b", new Peer("192.0.2.11", "10.18.0.64/26"));

    NetworkTable bare = NetworkTable.fromJson("{\"subnet\":\"10.29.255.192/26\"}");
    assertThat(bare.services()).isEmpty();
    assertThat(bare.peers()).isEmpty();
  }

  @Test
  void aResourcesReportWithoutOverlayMeansUnchangedAndARelayWithoutOneIsEmpty() {
    ClusterMessage.Resources older =
        (ClusterMessage.Resources)
            JSON.readValue(
                "{\"type\":\"resources\",\"resources\":{\"activeWorkers\":0}}",
                ClusterMessage.class);
    RootCommand.RemoteOverlay bare =
        (RootCommand.RemoteOverlay)
            JSON.readValue("{\"type\":\"remote-overlay\"}", RootCommand.class);

    assertThat(older.overlay()).isNull();
    assertThat(bare.overlay()).isEqualTo(OverlayView.EMPTY);
    assertThat(bare.overlay().services()).isEmpty();
  }

  @Test
  void unknownPropertiesFromANewerPeerAreIgnored() {
    String json = "{\"type\":\"ack\",\"commandId\":\"c1\",\"addedLater\":42}";

    assertThat(JSON.readValue(json, NodeMessage.class)).isEqualTo(new NodeMessage.Ack("c1"));
  }

  @Test
  void usageFiguresKeepTheirNamesAndUnits() {
    JsonNode sample =
        JSON.readTree(
                JSON.writeValueAsString(
                    new NodeMessage.InstanceList("n1", List.of(), AT, List.of(usage()))))
            .get("usage")
            .get(0);

    assertThat(sample.get("instanceId").stringValue()).isEqualTo("65f000000000000000000001");
    assertThat(sample.get("cpuPercent").doubleValue()).isEqualTo(12.75);
    assertThat(sample.get("memoryBytes").longValue()).isEqualTo(3_571_712);
    assertThat(sample.get("at").stringValue()).isEqualTo("2026-01-02T03:04:05.123Z");
  }

  @Test
  void listsAndReportsFromOlderPeersHaveNoUsage() {
    String list = "{\"type\":\"instance-list\",\"nodeId\":\"n1\",\"instances\":[]}";
    String resources = "{\"type\":\"resources\",\"resources\":null}";

    assertThat(JSON.readValue(list, NodeMessage.class))
        .isEqualTo(new NodeMessage.InstanceList("n1", List.of(), null, List.of()));
    assertThat(JSON.readValue(resources, ClusterMessage.class))
        .isEqualTo(new ClusterMessage.Resources(null, List.of()));
  }

  @Test
  void aDesiredListFromAnOlderClusterHasNoFinishedInstances() {
    String json = "{\"type\":\"desired\",\"commandId\":\"c1\",\"instances\":[]}";

    assertThat(JSON.readValue(json, NodeCommand.class))
        .isEqualTo(new NodeCommand.Desired("c1", List.of(), List.of()));
  }

  @Test
  void anUnknownTypeIsAnErrorNotASilentDefault() {
    String json = "{\"type\":\"reboot\",\"commandId\":\"c1\"}";

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JSON.readValue(json, NodeCommand.class))
        .isInstanceOf(tools.jackson.core.JacksonException.class)
        .hasMessageContaining("reboot");
  }
}
