package io.canopy.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InvalidSlaTest {

  static List<InvalidCase> cases() {
    return InvalidCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyThePathAndReason(InvalidCase invalid) {
    SlaReadResult result = SlaReader.read(invalid.document());

    assertThat(result.valid()).isFalse();
    assertThat(result.sla()).isNull();
    assertThat(result.violations()).containsExactlyElementsOf(invalid.expected());
  }

  @Test
  void theTableHoldsAtLeastFortyDocuments() {
    assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(cases()).extracting(InvalidCase::name).doesNotHaveDuplicates();
  }

  @Test
  void reportsEveryViolationAtOnce() {
    var doc = SlaDocs.tree(SlaDocs.valid("full_featured.json"));
    SlaDocs.set(doc, "/sla_version", "\"v1\"");
    SlaDocs.set(doc, "/applications/0/microservices/0/port", "\"80:80:80\"");
    SlaDocs.set(doc, "/applications/0/microservices/1/memory", "-3");

    assertThat(SlaReader.read(doc.toString()).violations())
        .extracting(Violation::path)
        .containsExactly(
            "$.sla_version",
            "$.applications[0].microservices[0].port",
            "$.applications[0].microservices[1].memory");
  }

  @Test
  void oakestraEmptyObjectNamesEveryMissingField() {
    assertThat(SlaReader.read("{}").violations())
        .containsExactly(
            new Violation("$.sla_version", "is required: the supported sla_version is \"v2.0\""),
            new Violation("$.customerID", "is required"),
            new Violation("$.applications", "is required"));
  }

  @Test
  void nullDocumentIsAViolationToo() {
    assertThat(SlaReader.read((String) null).violations())
        .containsExactly(new Violation("$", "no document given"));
    assertThat(SlaReader.read((tools.jackson.databind.JsonNode) null).violations())
        .containsExactly(new Violation("$", "must be a JSON object, not null"));
    assertThat(SlaReader.readServices((tools.jackson.databind.JsonNode) null).violations())
        .containsExactly(new Violation("$", "must be a JSON object, not null"));
  }
}
