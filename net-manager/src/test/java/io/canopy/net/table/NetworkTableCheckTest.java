package io.canopy.net.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.core.address.Cidr;
import io.canopy.core.address.Ipv4;
import io.canopy.core.address.SubnetPool;
import io.canopy.core.address.WorkerSubnet;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkTableCheckTest {

  @Test
  void readsTheJsonTheClusterSends() {
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

    assertThat(NetworkTableCheck.problems(table)).isEmpty();
    assertThat(WorkerSubnet.of(table.subnet()).gateway()).isEqualTo("10.18.0.1");
    assertThat(table.services().get("10.30.0.1"))
        .extracting(ServiceInstance::instanceIp)
        .containsExactly("10.18.0.2", "10.18.0.66");
    assertThat(table.peers().get("worker-b").subnet()).isEqualTo("10.18.0.64/26");
    assertThat(NetworkTable.fromJson(table.toJson())).isEqualTo(table);
  }

  @Test
  void missingPartsAreEmptyNotNull() {
    NetworkTable table = NetworkTable.fromJson("{\"subnet\":\"10.29.255.192/26\"}");

    assertThat(NetworkTableCheck.problems(table)).isEmpty();
    assertThat(table.services()).isEmpty();
    assertThat(table.peers()).isEmpty();
  }

  @Test
  void namesEveryProblemInOneSentenceEach() {
    NetworkTable table =
        new NetworkTable(
            "10.18.0.1/26",
            Map.of(
                "10.30.0.1",
                List.of(
                    new ServiceInstance("a", "10.18.0.2", null),
                    new ServiceInstance("b", "10.18.0.2", "x"),
                    new ServiceInstance("c", "192.168.1.1", null)),
                "10.31.0.1",
                List.of()),
            Map.of(
                "w1", new Peer("192.0.2.1", "10.18.0.0/24"),
                "w2", new Peer("nope", "10.18.0.0/25")));

    assertThat(NetworkTableCheck.problems(table))
        .contains(
            "subnet: host bits set in 10.18.0.1/26",
            "services.10.30.0.1 lists instance 10.18.0.2 twice",
            "services.10.30.0.1 instance 10.18.0.2 has an invalid underlay 'x'",
            "services.10.30.0.1 instance 192.168.1.1 is outside 10.18.0.0-10.29.255.255",
            "service IP '10.31.0.1' is not in 10.30.0.0/16",
            "peers.w2.underlay is not an IPv4 address: 'nope'");
    assertThat(NetworkTableCheck.problems(table)).anyMatch(p -> p.contains("overlaps"));
  }

  @Test
  void subnetsAndAddressesAreStrict() {
    WorkerSubnet subnet = WorkerSubnet.of("10.18.0.64/26");

    assertThat(subnet.isInstanceAddress("10.18.0.66")).isTrue();
    assertThat(subnet.isInstanceAddress("10.18.0.65")).isFalse(); // gateway
    assertThat(subnet.isInstanceAddress("10.18.0.127")).isFalse(); // broadcast
    assertThat(subnet.isInstanceAddress("10.18.0.128")).isFalse();
    assertThat(Ipv4.isCanonical("10.18.0.01")).isFalse();
    assertThat(Ipv4.isCanonical("10.18.0.256")).isFalse();
    assertThat(Ipv4.isCanonical("10.18.0")).isFalse();
    assertThat(SubnetPool.covers(Cidr.parseCanonical("10.30.0.0/16"))).isFalse();
    assertThat(SubnetPool.covers(Cidr.parseCanonical("10.29.255.192/26"))).isTrue();
  }

  @Test
  void addressesWithSpacesAreRefusedAlthoughTheyWouldParse() {
    NetworkTable table =
        new NetworkTable(
            "10.18.0.0/26",
            Map.of("10.30.0.1", List.of(new ServiceInstance("a", "10.18.0.2 ", null))),
            Map.of("w1", new Peer(" 192.0.2.1", "10.18.0.64/26 ")));

    assertThat(NetworkTableCheck.problems(table))
        .containsExactlyInAnyOrder(
            "peers.w1.underlay is not an IPv4 address: ' 192.0.2.1'",
            "peers.w1.subnet: not a CIDR subnet: '10.18.0.64/26 '",
            "services.10.30.0.1 has an instance without a valid instanceIp: '10.18.0.2 '");
  }
}
