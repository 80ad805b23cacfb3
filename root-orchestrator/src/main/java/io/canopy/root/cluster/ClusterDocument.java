package io.canopy.root.cluster;

import io.canopy.root.store.VersionedDocument;
import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterResources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A registered cluster: its name and place, the hash of its credential (never the credential), and
 * its latest resources report, whose time is its heartbeat.
 */
@Document("clusters")
public record ClusterDocument(
    @Id String id,
    String name,
    String location,
    String credentialHash,
    Instant registeredAt,
    Instant lastReportAt,
    String resourcesJson,
    long version)
    implements VersionedDocument {

  private static final ClusterResources NONE =
      new ClusterResources(0, 0, 0, 0, 0, 0, 0, List.of(), List.of());

  public ClusterResources resources() {
    return resourcesJson == null
        ? NONE
        : WireJson.mapper().readValue(resourcesJson, ClusterResources.class);
  }

  /** Reported within the heartbeat timeout. */
  public boolean activeAt(Instant now, Duration timeout) {
    return lastReportAt != null && !lastReportAt.isBefore(now.minus(timeout));
  }
}
