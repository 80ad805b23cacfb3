package io.canopy.sla;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The published JSON Schema, loaded from the main class path as users of the jar get it. */
final class SchemaFile {
  static final String RESOURCE = "/io/canopy/sla/sla-v2.schema.json";
  private static final Schema SCHEMA = load();

  private SchemaFile() {}

  private static Schema load() {
    try (InputStream in = SlaReader.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the sla-schema jar");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema's errors for a document; empty when it validates. */
  static List<Error> errors(String json) {
    return SCHEMA.validate(SlaDocs.JSON.readTree(json));
  }
}
