package io.canopy.sla;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whatever the input, reading an SLA yields a result or violations: never an exception. A document
 * that reads as valid is fully usable: every helper the tiers call works on it.
 */
class SlaReaderPropertyTest {

  @Property(tries = 1000)
  void randomTextNeverThrows(@ForAll long seed) {
    checkOutcome(SlaReader.read(new RandomJson(seed).text(200)));
  }

  @Property(tries = 1000)
  void randomJsonTreesNeverThrow(@ForAll long seed) {
    RandomJson random = new RandomJson(seed);
    ObjectNode doc = SlaDocs.JSON.createObjectNode();
    doc.set("sla_version", random.value(0));
    doc.set("applications", random.value(4));
    doc.set(RandomJson.FIELDS.get(Math.floorMod(seed, RandomJson.FIELDS.size())), random.value(3));
    checkOutcome(SlaReader.read(doc.toString()));
  }

  @Property(tries = 2000)
  void mutatedFixturesNeverThrow(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int fixture) {
    RandomJson random = new RandomJson(seed);
    ObjectNode doc = SlaDocs.tree(SlaDocs.valid(SlaDocs.VALID.get(fixture)));
    random.mutate(doc);
    checkOutcome(SlaReader.read(doc.toString()));
  }

  @Property(tries = 500)
  void truncatedFixturesNeverThrow(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int fixture) {
    String text = SlaDocs.valid(SlaDocs.VALID.get(fixture));
    SlaReadResult result = SlaReader.read(new RandomJson(seed).truncate(text));

    assertThat(result.valid()).isFalse();
    checkOutcome(result);
  }

  @Property(tries = 500)
  void whatTheSchemaRejectsTheReaderRejects(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 2) int fixture) {
    ObjectNode doc = SlaDocs.tree(SlaDocs.valid(SlaDocs.VALID.get(fixture)));
    new RandomJson(seed, true).mutate(doc);
    String json = doc.toString();

    if (!SchemaFile.errors(json).isEmpty()) {
      assertThat(SlaReader.read(json).violations()).as(json).isNotEmpty();
    }
  }

  private static void checkOutcome(SlaReadResult result) {
    assertThat(result).isNotNull();
    assertThat(result.valid()).isEqualTo(result.violations().isEmpty());
    assertThat(result.valid()).isEqualTo(result.sla() != null);
    result
        .violations()
        .forEach(
            v -> {
              assertThat(v.path()).startsWith("$");
              assertThat(v.reason()).isNotBlank();
            });
    if (result.valid()) {
      useEveryHelper(result.sla());
    }
  }

  private static void useEveryHelper(Sla sla) {
    for (Application app : sla.applications()) {
      for (Microservice service : app.microservices()) {
        assertThat(service.fullName(app)).matches("[A-Za-z0-9]+(\\.[A-Za-z0-9]+){3}");
        assertThat(service.virtualizationKind()).isNotNull();
        assertThat(service.ports()).allSatisfy(p -> assertThat(p.hostPort()).isBetween(1, 65535));
        assertThat(service.resources().memoryMb()).isNotNegative();
        assertThat(service.codes()).isNotEmpty();
        service.directNodes();
        service.directClusters();
        service.allowedClusters();
        service.constraints().forEach(c -> assertThat(c.kind()).isPresent());
        service.constraints().forEach(Constraint::geoCircle);
        assertThat(SlaDocs.JSON.writeValueAsString(service)).isNotEmpty();
      }
    }
  }
}
