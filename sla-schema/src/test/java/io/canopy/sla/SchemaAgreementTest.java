package io.canopy.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The published JSON Schema and the Java records/validator agree. */
class SchemaAgreementTest {

  static Stream<String> validDocuments() {
    var correct1 = SlaDocs.tree(SlaDocs.oakestra("sla_correct_1.json"));
    SlaDocs.set(correct1, "/applications/0/microservices/0/code", "\"docker.io/library/python:3\"");
    SlaDocs.set(correct1, "/applications/0/microservices/0/addresses/rr_ip", "\"10.30.178.4\"");
    return Stream.concat(
        SlaDocs.VALID.stream().map(SlaDocs::valid),
        Stream.of(
            SlaDocs.oakestra("sla_correct_2.json"),
            SlaDocs.oakestra("sla_correct_3.json"),
            SlaDocs.oakestra("sla_correct_4.json"),
            correct1.toString()));
  }

  @ParameterizedTest
  @MethodSource("validDocuments")
  void everyValidFixtureValidatesAgainstTheSchema(String json) {
    assertThat(SlaReader.read(json).violations()).isEmpty();
    assertThat(SchemaFile.errors(json)).isEmpty();
  }

  static List<InvalidCase> schemaInvalidCases() {
    return InvalidCases.all().stream().filter(InvalidCase::schemaCanTell).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaInvalidCases")
  void theSchemaAndTheReaderRejectTheSameDocuments(InvalidCase invalid) {
    assertThat(SchemaFile.errors(invalid.document())).as(invalid.name()).isNotEmpty();
    assertThat(SlaReader.read(invalid.document()).valid()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sla_correct_1.json",
        "sla_flawed_1.json",
        "sla_flawed_2.json",
        "sla_flawed_3.json",
        "sla_flawed_4.json",
        "sla_flawed_5.json"
      })
  void oakestraDocumentsTheSchemaRejectsAreRejectedByTheReader(String file) {
    String json = SlaDocs.oakestra(file);

    assertThat(SchemaFile.errors(json)).isNotEmpty();
    assertThat(SlaReader.read(json).valid()).isFalse();
  }

  @Test
  void mostOfTheInvalidTableIsExpressibleInTheSchema() {
    // Guards against the schema silently losing rules: only the few rules a schema cannot state
    // (uniqueness, matching list lengths, ranges inside strings, parse errors) are exempt.
    assertThat(schemaInvalidCases().size()).isGreaterThanOrEqualTo(InvalidCases.all().size() - 14);
  }
}
