package io.canopy.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortMappingTest {

  @Test
  void parsesOakestraSyntax() {
    assertThat(PortMapping.parseAll("80:8080/tcp; 53/UDP ;9000;"))
        .containsExactly(
            new PortMapping(80, 8080, "tcp"),
            new PortMapping(53, 53, "udp"),
            new PortMapping(9000, 9000, "tcp"));
  }

  @Test
  void blankOrNullMeansNoPorts() {
    assertThat(PortMapping.parseAll("")).isEmpty();
    assertThat(PortMapping.parseAll(" ")).isEmpty();
    assertThat(PortMapping.parseAll(null)).isEmpty();
  }

  @Test
  void specIsSlaSyntax() {
    assertThat(new PortMapping(80, 8080, "udp").spec()).isEqualTo("80:8080/udp");
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      value = {
        "80:80:80 => \"80:80:80\" is not host[:container][/tcp|udp]",
        "http => \"http\" is not host[:container][/tcp|udp]",
        "80: => \"80:\" is not host[:container][/tcp|udp]",
        "-1 => \"-1\" is not host[:container][/tcp|udp]",
        "65536 => port 65536 is outside 1..65535",
        "80:0 => port 0 is outside 1..65535",
        "1234567890 => \"1234567890\" is not host[:container][/tcp|udp]",
        "80/icmp => \"80/icmp\" has protocol \"icmp\": use tcp or udp"
      })
  void refusesWithAReason(String port, String reason) {
    assertThatThrownBy(() -> PortMapping.parseAll(port))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(reason);
  }
}
