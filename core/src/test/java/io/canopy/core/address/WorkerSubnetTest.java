package io.canopy.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerSubnetTest {

  private final WorkerSubnet subnet = WorkerSubnet.of("10.18.0.64/26");

  @Test
  void theGatewayIsTheFirstHost() {
    assertThat(subnet.gateway()).isEqualTo("10.18.0.65");
    assertThat(subnet.broadcast()).isEqualTo("10.18.0.127");
    assertThat(subnet.prefix()).isEqualTo(26);
    assertThat(subnet.cidr()).isEqualTo("10.18.0.64/26");
  }

  @Test
  void instancesGetTheHostsAfterTheGateway() {
    List<String> all = subnet.freeInstanceIps(List.of()).toList();
    assertThat(subnet.instanceCapacity()).isEqualTo(61);
    assertThat(all).hasSize(61);
    assertThat(all.getFirst()).isEqualTo("10.18.0.66");
    assertThat(all.getLast()).isEqualTo("10.18.0.126");
    assertThat(subnet.nextInstanceIp(List.of("10.18.0.66"))).contains("10.18.0.67");
    assertThat(subnet.nextInstanceIp(all)).isEmpty();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "10.18.0.66, true",
    "10.18.0.126, true",
    "10.18.0.64, false",
    "10.18.0.65, false",
    "10.18.0.127, false",
    "10.18.0.128, false",
    "nonsense, false",
  })
  void tellsInstanceAddresses(String ip, boolean expected) {
    assertThat(subnet.isInstanceAddress(ip)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.18.0.65/26", "10.18.0.64/31", "10.18.0.64", "x/26", "10.18.0.64/33"})
  void refusesWhatIsNotAUsableBlock(String cidr) {
    assertThatThrownBy(() -> WorkerSubnet.of(cidr)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalsByBlock() {
    assertThat(WorkerSubnet.of("10.18.0.64/26")).isEqualTo(subnet).hasSameHashCodeAs(subnet);
    assertThat(subnet).hasToString("10.18.0.64/26");
  }
}
