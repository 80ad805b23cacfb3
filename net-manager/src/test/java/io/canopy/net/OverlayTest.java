package io.canopy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two workers (namespaces joined by a veth underlay), a service 10.30.0.1 with three instances
 * spread over both, and a client instance of another service on worker A. Real kernel, as root.
 * Worker A's bridge bypasses the IP hooks (no br_netfilter), worker B's does not (Docker hosts).
 */
class OverlayTest {
  static final String SERVICE = "10.30.0.1";
  static final String SUBNET_A = "10.18.0.0/26";
  static final String SUBNET_B = "10.18.0.64/26";
  static final String UNDERLAY_A = "172.31.255.1";
  static final String UNDERLAY_B = "172.31.255.2";

  Lab lab;
  String workerA;
  String workerB;
  String i1Namespace;
  String i3Namespace;
  String clientNamespace;
  Process i2;
  NetManager a;
  NetManager b;

  @BeforeEach
  void twoWorkersThreeInstances() throws Exception {
    lab = new Lab();
    workerA = lab.worker("wa", false);
    workerB = lab.worker("wb");
    lab.underlay(workerA, UNDERLAY_A, workerB, UNDERLAY_B);
    a = new NetManager(configA());
    b = new NetManager(configB());
    a.apply(tableA(all()));
    b.apply(tableB(all()));

    i1Namespace = lab.namespace("i1");
    lab.httpd(i1Namespace, "i1");
    i2 = lab.httpdInOwnNamespace("i2");
    i3Namespace = lab.namespace("i3");
    lab.httpd(i3Namespace, "i3");
    clientNamespace = lab.namespace("c");

    a.attach(
        "i1",
        InstanceNamespace.named(i1Namespace),
        "10.18.0.2",
        List.of(new PublishedPort(8080, 80, "tcp")));
    a.attach("i2", InstanceNamespace.ofPid(i2.pid()), "10.18.0.3");
    a.attach("client", InstanceNamespace.named(clientNamespace), "10.18.0.10");
    b.attach("i3", InstanceNamespace.named(i3Namespace), "10.18.0.66");
    for (String ip : List.of("10.18.0.2", "10.18.0.3", "10.18.0.66")) {
      lab.awaitGet(clientNamespace, "http://" + ip + "/");
    }
  }

  @AfterEach
  void removeEverything() throws Exception {
    try {
      if (lab != null) {
        new NetManager(configA()).cleanup();
        new NetManager(configB()).cleanup();
      }
    } finally {
      if (lab != null) {
        lab.close();
      }
    }
  }

  @Test
  void serviceIpSpreadsNewConnectionsEvenlyOverInstancesOnBothWorkers() {
    Map<String, Integer> answers = requests(30);

    assertThat(answers).containsOnlyKeys("i1", "i2", "i3");
    assertThat(answers.values()).allSatisfy(count -> assertThat(count).isBetween(9, 11));
    assertThat(new NftTable(new Shell(workerA)).readServices().get(SERVICE))
        .containsExactlyInAnyOrder("10.18.0.2", "10.18.0.3", "10.18.0.66");
  }

  @Test
  void undeployedInstanceLeavesTheRotationAtOnceAndLeavesNothingBehind() {
    String device = InstanceAttachment.hostDevice("i2");

    assertThat(a.detach("i2")).isTrue();
    // the cluster's table still lists i2, yet new connections already avoid it
    Map<String, Integer> answers = requests(20);
    assertThat(answers).containsOnlyKeys("i1", "i3");

    a.apply(tableA(without("i2")));
    b.apply(tableB(without("i2")));
    assertThat(requests(20)).containsOnlyKeys("i1", "i3");
    assertThat(links(workerA)).doesNotContain(device);
    assertThat(
            new Shell(null)
                .run("nsenter", "--net=/proc/" + i2.pid() + "/ns/net", "ip", "-o", "addr"))
        .doesNotContain("eth0")
        .doesNotContain("10.18.0.3");
    assertThat(new NftTable(new Shell(workerA)).readServices().get(SERVICE))
        .containsExactlyInAnyOrder("10.18.0.2", "10.18.0.66");
    assertThat(new NftTable(new Shell(workerB)).readServices().get(SERVICE))
        .containsExactlyInAnyOrder("10.18.0.2", "10.18.0.66");
  }

  @Test
  void restartedNetManagerRebuildsItsStateFromKernelAndTable() {
    // a crash that lost the nftables table and a tunnel route
    new Shell(workerA).run("nft", "delete", "table", "ip", "canopy");
    new Shell(workerA).run("ip", "route", "del", SUBNET_B, "dev", Vxlan.NAME);

    NetManager restarted = new NetManager(configA());
    assertThat(restarted.status().attachments())
        .extracting(Attachment::instanceId)
        .containsExactlyInAnyOrder("i1", "i2", "client");
    restarted.apply(tableA(all()));

    Map<String, Integer> answers = requests(30);
    assertThat(answers).containsOnlyKeys("i1", "i2", "i3");
    assertThat(answers.values()).allSatisfy(count -> assertThat(count).isBetween(9, 11));
    assertThat(lab.get(workerB, "http://" + UNDERLAY_A + ":8080/")).isEqualTo("i1");

    assertThat(restarted.detach("i2")).isTrue();
    assertThat(links(workerA)).doesNotContain(InstanceAttachment.hostDevice("i2"));
    assertThat(requests(10)).containsOnlyKeys("i1", "i3");
  }

  @Test
  void cleanupLeavesNoCanopyDeviceRouteOrTable() {
    new NetManager(configA()).cleanup();
    new NetManager(configB()).cleanup();

    for (String worker : List.of(workerA, workerB)) {
      assertThat(links(worker)).noneMatch(name -> name.startsWith("canopy"));
      Shell shell = new Shell(worker);
      assertThat(shell.run("ip", "-o", "route", "show"))
          .doesNotContain("canopy")
          .doesNotContain("10.30.")
          .doesNotContain("10.18.");
      assertThat(shell.run("nft", "list", "tables")).doesNotContain("canopy");
      assertThat(links(worker)).contains("ul0"); // what Canopy did not make stays
    }
    assertThat(lab.in(i1Namespace, "ip", "-o", "link").stdout()).doesNotContain("eth0");
    assertThat(lab.get(clientNamespace, "http://" + SERVICE + "/")).isNull();
  }

  @Test
  void publishedPortReachesTheInstanceFromOutsideTheOverlay() {
    assertThat(lab.get(workerB, "http://" + UNDERLAY_A + ":8080/")).isEqualTo("i1");

    a.detach("i1");
    assertThat(lab.get(workerB, "http://" + UNDERLAY_A + ":8080/")).isNull();
  }

  @Test
  void publishedPortsAnswerOnTheWorkersLoopbackWhichInstancesCannotReach() throws Exception {
    assertThat(lab.get(workerA, "http://127.0.0.1:8080/")).isEqualTo("i1");
    assertThat(lab.get(workerA, "http://" + UNDERLAY_A + ":8080/")).isEqualTo("i1");

    // route_localnet lets the bridge carry 127.0.0.0/8: an instance that routes loopback
    // addresses to its gateway must still not reach the worker's loopback-only services
    lab.httpd(workerA, "127.0.0.1:9090", "worker-only");
    lab.awaitGet(workerA, "http://127.0.0.1:9090/");
    Shell.Result crafted =
        lab.in(
            clientNamespace,
            "sh",
            "-c",
            "sysctl -q -w net.ipv4.conf.eth0.route_localnet=1"
                + " && ip addr del 127.0.0.1/8 dev lo"
                + " && ip route add 127.0.0.1/32 via 10.18.0.1 dev eth0");
    assertThat(crafted.ok()).as(crafted.toString()).isTrue();
    assertThat(lab.in(clientNamespace, "ip", "route", "get", "127.0.0.1").stdout())
        .contains("via 10.18.0.1");
    assertThat(lab.get(clientNamespace, "http://127.0.0.1:9090/")).isNull();
    assertThat(lab.get(clientNamespace, "http://" + SERVICE + "/")).isNotNull();
  }

  @Test
  void dockersForwardDropIsOpenedForTheBridgeAndClosedAgainOnCleanup() throws Exception {
    Shell shellB = new Shell(workerB);
    // what dockerd does to the filter table of a host
    shellB.run("iptables", "-P", "FORWARD", "DROP");
    shellB.run("iptables", "-N", "DOCKER-USER");
    shellB.run("iptables", "-A", "FORWARD", "-j", "DOCKER-USER");
    shellB.run("iptables", "-A", "DOCKER-USER", "-j", "RETURN");
    assertThat(lab.get(clientNamespace, "http://10.18.0.66/")).isNull();

    NetManager restarted = new NetManager(configB());
    restarted.apply(tableB(all()));

    assertThat(lab.awaitGet(clientNamespace, "http://10.18.0.66/")).isEqualTo("i3");
    assertThat(restarted.status().warnings()).isEmpty();
    assertThat(shellB.run("iptables", "-S", "DOCKER-USER"))
        .contains("-A DOCKER-USER -i canopy-br -m comment --comment \"canopy overlay\" -j ACCEPT")
        .contains("-A DOCKER-USER -o canopy-br -m comment --comment \"canopy overlay\" -j ACCEPT");

    restarted.cleanup();
    assertThat(shellB.run("iptables", "-S", "DOCKER-USER"))
        .doesNotContain("canopy")
        .contains("-A DOCKER-USER -j RETURN");
    assertThat(shellB.run("iptables", "-S", "FORWARD")).contains("-P FORWARD DROP");
  }

  @Test
  void aForeignForwardDropIsReportedAndLeftAlone() {
    Shell shellB = new Shell(workerB);
    shellB.run("nft", "add", "table", "ip", "filter");
    shellB.run(
        "nft",
        "add",
        "chain",
        "ip",
        "filter",
        "FORWARD",
        "{ type filter hook forward priority 0; policy drop; }");

    assertThat(b.status().warnings())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("chain ip filter FORWARD drops forwarded traffic")
        .contains("DOCKER-USER");
    assertThat(a.status().warnings()).isEmpty();
    assertThat(lab.get(clientNamespace, "http://10.18.0.66/")).isNull();

    new NetManager(configB()).cleanup();
    assertThat(shellB.run("nft", "list", "tables")).contains("table ip filter");
  }

  @Test
  void serviceWithoutLiveInstancesIsRefusedInsteadOfLeakingOut() {
    Map<String, List<ServiceInstance>> services = new LinkedHashMap<>(all());
    services.put("10.30.0.9", List.of(new ServiceInstance("gone", "10.18.0.40", UNDERLAY_A)));
    a.apply(tableA(services));

    Shell.Result result = lab.curl(clientNamespace, "http://10.30.0.9/");
    assertThat(result.ok()).isFalse();
    assertThat(result.stdout() + result.stderr())
        .as(result.toString())
        .contains("Couldn't connect");
  }

  @Test
  void badTableAndBadAttachAreClearErrorsThatChangeNothing() {
    NetworkTable bad =
        new NetworkTable(
            "10.40.0.0/26",
            Map.of("10.31.0.1", List.of(new ServiceInstance("x", "10.18.0.2", "nope"))),
            Map.of());
    assertThatThrownBy(() -> a.apply(bad))
        .isInstanceOf(InvalidNetworkTableException.class)
        .hasMessageContaining("10.40.0.0/26 is outside 10.18.0.0-10.29.255.255")
        .hasMessageContaining("service IP '10.31.0.1' is not in 10.30.0.0/16")
        .hasMessageContaining("invalid underlay 'nope'");
    assertThatThrownBy(() -> a.attach("x", InstanceNamespace.named(clientNamespace), "10.18.0.70"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a host address of this worker's subnet 10.18.0.0/26");
    assertThatThrownBy(() -> a.attach("x", InstanceNamespace.named(lab.id + "-none"), "10.18.0.20"))
        .hasMessageContaining("has no network namespace");
    assertThatThrownBy(
            () ->
                new NetManager(configA().withWorkerNamespace(workerA + "x"))
                    .attach("x", InstanceNamespace.named(clientNamespace), "10.18.0.20"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no network table applied yet");
    Attachment i1 =
        a.status().attachments().stream()
            .filter(attachment -> attachment.instanceId().equals("i1"))
            .findFirst()
            .orElseThrow();
    assertThat(a.attach("i1", InstanceNamespace.named(i1Namespace), "10.18.0.2", i1.ports()))
        .isEqualTo(i1);
    assertThatThrownBy(() -> a.attach("x", InstanceNamespace.named(clientNamespace), "10.18.0.2"))
        .hasMessageContaining("instance IP 10.18.0.2 is taken by i1");
    assertThat(requests(3)).isNotEmpty();
  }

  private Map<String, Integer> requests(int count) {
    Map<String, Integer> answers = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      String body = lab.get(clientNamespace, "http://" + SERVICE + "/");
      answers.merge(body == null ? "<failed>" : body, 1, Integer::sum);
    }
    return answers;
  }

  private static List<String> links(String worker) {
    List<String> names = new ArrayList<>();
    for (JsonNode link : new Shell(worker).json("ip", "-j", "link", "show")) {
      names.add(link.path("ifname").asString());
    }
    return names;
  }

  private NetManagerConfig configA() {
    return NetManagerConfig.defaults().withWorkerNamespace(workerA).withUnderlay(UNDERLAY_A);
  }

  private NetManagerConfig configB() {
    return NetManagerConfig.defaults().withWorkerNamespace(workerB).withUnderlay(UNDERLAY_B);
  }

  private static Map<String, List<ServiceInstance>> all() {
    return Map.of(
        SERVICE,
        List.of(
            new ServiceInstance("i1", "10.18.0.2", UNDERLAY_A),
            new ServiceInstance("i2", "10.18.0.3", UNDERLAY_A),
            new ServiceInstance("i3", "10.18.0.66", UNDERLAY_B)));
  }

  private static Map<String, List<ServiceInstance>> without(String instanceId) {
    return Map.of(
        SERVICE,
        all().get(SERVICE).stream().filter(i -> !i.instanceId().equals(instanceId)).toList());
  }

  private static NetworkTable tableA(Map<String, List<ServiceInstance>> services) {
    return new NetworkTable(SUBNET_A, services, Map.of("wb", new Peer(UNDERLAY_B, SUBNET_B)));
  }

  private static NetworkTable tableB(Map<String, List<ServiceInstance>> services) {
    return new NetworkTable(SUBNET_B, services, Map.of("wa", new Peer(UNDERLAY_A, SUBNET_A)));
  }
}
