package io.canopy.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The IPv4 value types the apps use directly: canonical text, containment, overlap. */
class CidrTest {

  @ParameterizedTest(name = "''{0}'' → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.18.0.1|true",
        "0.0.0.0|true",
        "255.255.255.255|true",
        "10.18.0.01|false",
        "10.18.0.256|false",
        "10.18.0|false",
        "' 10.18.0.1'|false",
        "'10.18.0.1 '|false",
        "nope|false",
      })
  void canonicalAddressesAreExactlyWhatFormatWrites(String text, boolean expected) {
    assertThat(Ipv4.isCanonical(text)).isEqualTo(expected);
    assertThat(Ipv4.isCanonical(null)).isFalse();
  }

  @Test
  void parseCanonicalReadsWhatToStringWrites() {
    Cidr cidr = Cidr.parseCanonical("10.18.0.64/26");

    assertThat(cidr).isEqualTo(new Cidr(Ipv4.parseOrThrow("10.18.0.64"), 26));
    assertThat(cidr).hasToString("10.18.0.64/26");
    assertThat(Cidr.parseCanonical("0.0.0.0/0").size()).isEqualTo(1L << 32);
  }

  @ParameterizedTest(name = "''{0}'' → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.18.0.1/26|host bits set in 10.18.0.1/26",
        "10.18.0.0|not a CIDR subnet: '10.18.0.0'",
        "10.18.0.0/|not a CIDR subnet: '10.18.0.0/'",
        "10.18.0.0/x|not a CIDR subnet: '10.18.0.0/x'",
        "10.18.0.0/026|not a CIDR subnet: '10.18.0.0/026'",
        "'10.18.0.0/26 '|not a CIDR subnet: '10.18.0.0/26 '",
        "nope/26|not an IPv4 address: 'nope'",
        "' 10.18.0.0/26'|not an IPv4 address: ' 10.18.0.0'",
        "10.18.0.0/33|prefix length out of range: 33",
      })
  void parseCanonicalNamesWhatIsWrong(String text, String reason) {
    assertThatThrownBy(() -> Cidr.parseCanonical(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(reason);
    assertThatThrownBy(() -> Cidr.parseCanonical(null)).hasMessage("not a CIDR subnet: 'null'");
  }

  @Test
  void containsTakesTextToo() {
    Cidr services = Cidr.parseCanonical("10.30.0.0/16");

    assertThat(services.contains("10.30.255.255")).isTrue();
    assertThat(services.contains("10.31.0.1")).isFalse();
    assertThat(services.contains("nope")).isFalse();
    assertThat(services.contains((String) null)).isFalse();
  }

  @ParameterizedTest(name = "{0} and {1} → {2}")
  @CsvSource({
    "10.18.0.0/24, 10.18.0.0/25, true",
    "10.18.0.0/25, 10.18.0.0/24, true",
    "10.18.0.0/26, 10.18.0.64/26, false",
    "10.18.0.0/26, 10.18.0.0/26, true",
    "0.0.0.0/0, 192.0.2.0/24, true",
    "10.18.0.0/32, 10.18.0.1/32, false",
  })
  void overlapsWhenOneHoldsTheOther(String a, String b, boolean expected) {
    assertThat(Cidr.parseCanonical(a).overlaps(Cidr.parseCanonical(b))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.18.0.0/16", "10.29.255.192/26", "10.18.0.2/32", "10.29.255.255/32"})
  void thePoolRangeCoversBlocksOfAnySizeInside(String block) {
    assertThat(SubnetPool.covers(Cidr.parseCanonical(block))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.30.0.0/16", "10.16.0.0/14", "10.17.255.255/32", "192.168.1.1/32"})
  void thePoolRangeCoversNothingOutside(String block) {
    assertThat(SubnetPool.covers(Cidr.parseCanonical(block))).isFalse();
    assertThat(SubnetPool.RANGE).isEqualTo("10.18.0.0-10.29.255.255");
  }

  @Test
  void aWorkerSubnetHandsOutItsBlock() {
    Cidr block = WorkerSubnet.of("10.18.0.64/26").block();

    assertThat(block.base()).isEqualTo(Ipv4.parseOrThrow("10.18.0.64"));
    assertThat(block.prefix()).isEqualTo(26);
    assertThat(block.contains("10.18.0.127")).isTrue();
    assertThat(block.contains("10.18.0.128")).isFalse();
  }
}
