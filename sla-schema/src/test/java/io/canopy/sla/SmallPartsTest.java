package io.canopy.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names, virtualizations, addresses, geo circles and images: the rules under the validator. */
class SmallPartsTest {

  @Test
  void namesAreOneToThirtyLettersOrDigits() {
    assertThat(Names.isValid("a")).isTrue();
    assertThat(Names.isValid("A1".repeat(15))).isTrue();
    assertThat(Names.isValid("a".repeat(31))).isFalse();
    assertThat(Names.isValid("")).isFalse();
    assertThat(Names.isValid(null)).isFalse();
    assertThat(Names.isValid("ä")).isFalse();
    assertThat(Names.isValid("a-b")).isFalse();
    assertThat(Names.problem("ok")).isNull();
  }

  @Test
  void virtualizationReadsDockerAsContainer() {
    assertThat(Virtualization.of("container")).isEqualTo(Virtualization.CONTAINER);
    assertThat(Virtualization.of("docker")).isEqualTo(Virtualization.CONTAINER);
    assertThat(Virtualization.of("unikernel")).isEqualTo(Virtualization.UNIKERNEL);
    assertThat(Virtualization.UNIKERNEL.json()).isEqualTo("unikernel");
    assertThatThrownBy(() -> Virtualization.of("Container"))
        .hasMessage("\"Container\" is not a virtualization: use container, docker or unikernel");
    assertThatThrownBy(() -> Virtualization.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serviceAddressesAreHostsInside1030() {
    assertThat(AddressRules.serviceIpProblem("10.30.0.1")).isNull();
    assertThat(AddressRules.serviceIpProblem("10.30.255.254")).isNull();
    assertThat(AddressRules.serviceIpProblem("10.31.0.1")).contains("outside 10.30.0.0/16");
    assertThat(AddressRules.serviceIpProblem("10.29.255.255")).contains("outside");
    assertThat(AddressRules.serviceIpProblem("10.30.0.256")).contains("not an IPv4 address");
    assertThat(AddressRules.serviceIpProblem(" 10.30.0.1")).contains("not an IPv4 address");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"::", "::1", "fdff:2000::10", "1:2:3:4:5:6:7:8", "::ffff:10.30.0.1", "a::b:c"})
  void acceptsIpv6(String address) {
    assertThat(Ip.isIpv6(address)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ":",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345::",
        "g::1",
        "1:2:3:4:5:6:7",
        "::1%eth0",
        "10.30.0.1",
        "::ffff:10.30.0.256",
        "1.2.3.4::"
      })
  void refusesWhatIsNotIpv6(String address) {
    assertThat(Ip.isIpv6(address)).isFalse();
  }

  @Test
  void geoCircleParsesAndChecksRanges() {
    assertThat(GeoCircle.parse(" 48.1, -11.5 ,5")).isEqualTo(new GeoCircle(48.1, -11.5, 5));
    assertThatThrownBy(() -> GeoCircle.parse("48,11,-1"))
        .hasMessage("radius -1 km must be greater than 0");
    assertThatThrownBy(() -> GeoCircle.parse("NaN,1,1"))
        .hasMessage("\"NaN,1,1\" is not lat,long,radius_km");
    assertThatThrownBy(() -> GeoCircle.parse("1e3,1,1"))
        .hasMessage("\"1e3,1,1\" is not lat,long,radius_km");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nginx",
        "nginx:1.25-alpine",
        "docker.io/library/nginx:latest",
        "localhost:5000/a/b_c__d-e.f:tag",
        "Registry.Example.com/owner/app",
        "registry.example.com/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void imageReferencesFollowTheDistributionGrammar(String image) {
    assertThat(CodeRules.imageProblem(image)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ghcr.io/a/../x",
        "nginx:",
        "UPPER",
        "a b",
        "-nginx",
        "nginx@sha256:abc",
        "a,b",
        "nginx:-x"
      })
  void refusesWhatIsNotAnImageReference(String image) {
    assertThat(CodeRules.imageProblem(image)).endsWith("such as docker.io/library/nginx:latest");
  }

  @Test
  void constraintHelpersSplitAndIgnoreOtherKinds() {
    Constraint direct = new Constraint("direct", " a ;b", "c1", null, null, null, null, null, null);
    Constraint clusters =
        new Constraint("clusters", null, null, List.of("c2", "c3"), null, null, null, null, null);

    assertThat(direct.nodes()).containsExactly("a", "b");
    assertThat(direct.kind()).contains(ConstraintType.DIRECT);
    assertThat(direct.geoCircle()).isEmpty();
    assertThat(
            new Constraint("latency", null, null, null, "x", 1.0, null, null, "amd64").geoCircle())
        .as("only a geo constraint's location is a circle")
        .isEmpty();
    assertThat(clusters.nodes()).isEmpty();
    assertThat(ConstraintType.of("other")).isEmpty();
  }
}
