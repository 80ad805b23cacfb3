package io.canopy.sla;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One service on its own, as the dashboard's service editor sends it. */
class ReadMicroserviceTest {

  private static String nginxService() {
    return SlaDocs.tree(SlaDocs.valid("seed_clientsrvr.json"))
        .get("applications")
        .get(0)
        .get("microservices")
        .get(1)
        .toString();
  }

  @Test
  void readsAValidService() {
    ServiceReadResult result = SlaReader.readMicroservice(nginxService());

    assertThat(result.valid()).isTrue();
    assertThat(result.service().microserviceName()).isEqualTo("nginx");
    assertThat(result.service().fullName("clientsrvr", "test"))
        .isEqualTo("clientsrvr.test.nginx.test");
  }

  @Test
  void reportsViolationsBelowTheServiceRoot() {
    String json = nginxService().replace("80:80/tcp", "80:80:80").replace("\"test\"", "\"t t\"");

    ServiceReadResult result = SlaReader.readMicroservice(json);

    assertThat(result.service()).isNull();
    assertThat(result.violations())
        .containsExactly(
            new Violation(
                "$.microservice_namespace",
                "\"t t\" may hold only letters and digits (a-z, A-Z, 0-9)"),
            new Violation("$.port", "\"80:80:80\" is not host[:container][/tcp|udp]"));
  }

  @Test
  void malformedOrNonObjectInputIsAViolation() {
    assertThat(SlaReader.readMicroservice("[1]").violations())
        .containsExactly(new Violation("$", "must be a JSON object, not an array"));
    assertThat(SlaReader.readMicroservice("{").violations())
        .extracting(Violation::path)
        .containsExactly("$");
    assertThat(SlaReader.readMicroservice(null).valid()).isFalse();
  }

  @Test
  void readsTheDashboardServiceList() {
    String json = "{\"microservices\": [" + nginxService() + "]}";

    ServicesReadResult result = SlaReader.readServices(json);

    assertThat(result.valid()).isTrue();
    assertThat(result.services())
        .extracting(Microservice::microserviceName)
        .containsExactly("nginx");
    assertThat(SlaReader.check(json)).isEmpty();
  }

  @Test
  void theDashboardServiceListNeedsUniqueNamesAndOneService() {
    String twice = "{\"microservices\": [" + nginxService() + "," + nginxService() + "]}";

    assertThat(SlaReader.readServices(twice).violations())
        .containsExactly(
            new Violation(
                "$.microservices[1].microservice_name",
                "service nginx.test is already defined at $.microservices[0]"));
    assertThat(SlaReader.check("{\"microservices\": []}"))
        .containsExactly(new Violation("$.microservices", "must hold at least one service"));
  }

  @Test
  void checkTellsAFullSlaFromAServiceList() {
    assertThat(SlaReader.check(SlaDocs.valid("seed_clientsrvr.json"))).isEmpty();
    assertThat(SlaReader.check("{\"sla_version\": \"v2.0\", \"microservices\": []}"))
        .extracting(Violation::path)
        .containsExactly("$.customerID", "$.applications");
  }
}
