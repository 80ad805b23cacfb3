package io.canopy.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceIpPoolTest {

  private final ServiceIpPool pool = new ServiceIpPool(Set.of("10.30.0.10"));
  private final Map<String, String> taken = Map.of("10.30.1.5", "shop.prod.web.prod");

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.30.1.6       | free: 10.30.1.6",
        "' 10.30.1.6 '   | free: 10.30.1.6",
        "10.30.1.0       | free: 10.30.1.0",
        "10.30.1.5       | taken: 10.30.1.5 is already held by shop.prod.web.prod",
        "10.30.0.0       | invalid: 10.30.0.0 is the network address of 10.30.0.0/16",
        "10.30.255.255   | invalid: 10.30.255.255 is the broadcast address of 10.30.0.0/16",
        "10.31.0.1       | invalid: 10.31.0.1 is outside the service range 10.30.0.0/16",
        "192.168.178.4   | invalid: 192.168.178.4 is outside the service range 10.30.0.0/16",
        "10.30.0.10      | invalid: 10.30.0.10 is reserved",
        "10.30.1.256     | invalid: \"10.30.1.256\" is not an IPv4 address",
        "010.30.1.1      | invalid: \"010.30.1.1\" is not an IPv4 address",
        "10.30.1         | invalid: \"10.30.1\" is not an IPv4 address",
        "web.local       | invalid: \"web.local\" is not an IPv4 address",
        "''              | invalid: \"\" is not an IPv4 address",
      })
  void checksARequestedAddress(String requested, String expected) {
    assertThat(describe(pool.check(requested, taken))).isEqualTo(expected);
  }

  @Test
  void aMissingAddressIsInvalidNotACrash() {
    assertThat(pool.check(null, taken))
        .isEqualTo(new IpCheck.Invalid("\"null\" is not an IPv4 address"));
  }

  @Test
  void theTakenVerdictNamesTheHolder() {
    assertThat(pool.check("10.30.1.5", taken))
        .isEqualTo(
            new IpCheck.Taken(
                "10.30.1.5",
                "shop.prod.web.prod",
                "10.30.1.5 is already held by shop.prod.web.prod"));
  }

  @Test
  void nextIsTheLowestFreeSkippingZeroAnd255AndReserved() {
    assertThat(new ServiceIpPool().next(List.of())).contains("10.30.0.1");
    List<String> firstBlock = IntStream.range(1, 255).mapToObj(i -> "10.30.0." + i).toList();
    assertThat(pool.next(firstBlock)).contains("10.30.1.1");
    assertThat(pool.next(List.of("10.30.0.1", "10.30.0.2", "garbage"))).contains("10.30.0.3");
    assertThat(pool.free(IntStream.range(1, 10).mapToObj(i -> "10.30.0." + i).toList()).limit(2))
        .containsExactly("10.30.0.11", "10.30.0.12");
  }

  @Test
  void aFullRangeHasNoNext() {
    List<String> all = new ServiceIpPool().free(List.of()).toList();
    assertThat(all).hasSize(256 * 254).doesNotHaveDuplicates();
    assertThat(new ServiceIpPool().next(all)).isEmpty();
  }

  @Test
  void reservedAddressesMustBeInTheRange() {
    assertThatThrownBy(() -> new ServiceIpPool(Set.of("10.31.0.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside 10.30.0.0/16");
    assertThatThrownBy(() -> new ServiceIpPool(Set.of("nope")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void containsTellsTheRange() {
    assertThat(pool.contains("10.30.200.1")).isTrue();
    assertThat(pool.contains("10.29.200.1")).isFalse();
    assertThat(pool.contains("x")).isFalse();
  }

  private static String describe(IpCheck check) {
    return switch (check) {
      case IpCheck.Free f -> "free: " + f.ip();
      case IpCheck.Taken t -> "taken: " + t.reason();
      case IpCheck.Invalid i -> "invalid: " + i.reason();
    };
  }
}
