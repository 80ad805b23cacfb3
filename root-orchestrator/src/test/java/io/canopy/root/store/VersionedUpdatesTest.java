package io.canopy.root.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** A versioned change writes only what it changed, so atomic pushes beside it survive. */
class VersionedUpdatesTest {

  @Test
  void setsChangedFieldsUnsetsClearedOnesAndLeavesTheRestAlone() {
    Document before =
        new Document("_id", "i1")
            .append("state", "CREATING")
            .append("nodeId", "n1")
            .append("cpuHistory", List.of(new Document("value", 1.0)))
            .append("version", 4L);
    Document after =
        new Document("_id", "i1")
            .append("state", "RUNNING")
            .append("cpuHistory", List.of(new Document("value", 1.0)))
            .append("reason", "started")
            .append("version", 4L);

    Document update = VersionedUpdates.difference(before, after, 5);

    assertThat(update.get("$set", Document.class))
        .containsOnlyKeys("state", "reason", "version")
        .containsEntry("state", "RUNNING")
        .containsEntry("version", 5L);
    assertThat(update.get("$unset", Document.class)).containsOnlyKeys("nodeId");
  }

  @Test
  void aChangeThatClearsNothingHasNoUnset() {
    Document before = new Document("_id", "i1").append("state", "A").append("version", 0L);
    Document after = new Document("_id", "i1").append("state", "B").append("version", 0L);

    assertThat(VersionedUpdates.difference(before, after, 1)).containsOnlyKeys("$set");
  }
}
