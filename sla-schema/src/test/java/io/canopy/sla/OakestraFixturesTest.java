package io.canopy.sla;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Oakestra's own SLA test files get the verdicts its README lists, except where Canopy is
 * deliberately stricter (docs/sla.md, "Where Canopy is stricter than Oakestra").
 */
class OakestraFixturesTest {

  @ParameterizedTest
  @ValueSource(strings = {"sla_correct_2.json", "sla_correct_3.json", "sla_correct_4.json"})
  void correctFixturesAreValid(String file) {
    SlaReadResult result = SlaReader.read(SlaDocs.oakestra(file));

    assertThat(result.violations()).isEmpty();
    assertThat(result.sla()).isNotNull();
  }

  @Test
  void applicationWithoutServicesIsValid() {
    Sla sla = SlaReader.read(SlaDocs.oakestra("sla_correct_4.json")).sla();

    assertThat(sla.applications().get(0).microservices()).isEmpty();
    assertThat(sla.applications().get(0).applicationId()).isEmpty();
  }

  /**
   * Oakestra's schema accepts sla_correct_1, but its rr_ip 192.168.178.4 is refused by Oakestra's
   * own network service at deploy time, and its container code is an https URL of a .py file that
   * no container runtime can pull. Canopy refuses both at once, saying why; everything else in the
   * file (latency constraints, connectivity, "args": []) is accepted.
   */
  @Test
  void correct1IsRefusedOnlyForWhatWouldFailAtDeployTime() {
    SlaReadResult result = SlaReader.read(SlaDocs.oakestra("sla_correct_1.json"));

    String service = "$.applications[0].microservices[0]";
    assertThat(result.violations())
        .containsExactly(
            new Violation(
                service + ".code",
                "\"https://example.com/repositories/example/code.py\" is a URL, not an OCI image"
                    + " reference such as docker.io/library/nginx:latest: container runtimes pull"
                    + " images by reference"),
            new Violation(
                service + ".addresses.rr_ip",
                "192.168.178.4 is outside 10.30.0.0/16, the range service addresses are given"
                    + " from"));
  }

  @Test
  void correct1WithADeployableImageAndAddressIsValid() {
    var doc = SlaDocs.tree(SlaDocs.oakestra("sla_correct_1.json"));
    SlaDocs.set(doc, "/applications/0/microservices/0/code", "\"docker.io/library/python:3\"");
    SlaDocs.set(doc, "/applications/0/microservices/0/addresses/rr_ip", "\"10.30.178.4\"");

    SlaReadResult result = SlaReader.read(doc.toString());

    assertThat(result.violations()).isEmpty();
    assertThat(result.sla().args()).isEmpty();
    assertThat(result.sla().applications().get(0).microservices().get(0).connectivity()).hasSize(2);
  }

  @Test
  void flawed1HasNoVersionAndNoNamespaces() {
    assertThat(SlaReader.read(SlaDocs.oakestra("sla_flawed_1.json")).violations())
        .contains(
            new Violation("$.sla_version", "is required: the supported sla_version is \"v2.0\""),
            new Violation("$.applications[0].application_namespace", "is required"),
            new Violation(
                "$.applications[0].microservices[0].microservice_namespace", "is required"));
  }

  @Test
  void flawed2HasANumericNameAndPort() {
    assertThat(SlaReader.read(SlaDocs.oakestra("sla_flawed_2.json")).violations())
        .contains(
            new Violation(
                "$.applications[0].microservices[0].microservice_name",
                "must be a string, not a number"),
            new Violation(
                "$.applications[0].microservices[0].port", "must be a string, not a number"));
  }

  @Test
  void flawed3IsEmpty() {
    assertThat(SlaReader.read(SlaDocs.oakestra("sla_flawed_3.json")).violations())
        .extracting(Violation::path)
        .containsExactly("$.sla_version", "$.customerID", "$.applications");
  }

  @Test
  void flawed4HasSymbolsInNamesAndNoNamespaces() {
    assertThat(SlaReader.read(SlaDocs.oakestra("sla_flawed_4.json")).violations())
        .contains(
            new Violation(
                "$.applications[0].application_name",
                "\"Example Application\" may hold only letters and digits (a-z, A-Z, 0-9)"),
            new Violation(
                "$.applications[0].microservices[0].microservice_name",
                "\"Micro A (4)\" may hold only letters and digits (a-z, A-Z, 0-9)"),
            new Violation("$.applications[0].application_namespace", "is required"));
  }

  @Test
  void flawed5HasDotsInTheServiceName() {
    assertThat(SlaReader.read(SlaDocs.oakestra("sla_flawed_5.json")).violations())
        .containsExactly(
            new Violation(
                "$.applications[0].microservices[0].microservice_name",
                "\"test.special.char\" may hold only letters and digits (a-z, A-Z, 0-9)"));
  }
}
