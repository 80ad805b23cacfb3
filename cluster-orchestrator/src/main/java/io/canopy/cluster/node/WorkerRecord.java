package io.canopy.cluster.node;

import io.canopy.wire.node.Fingerprint;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A registered worker.
 *
 * @param passwordHash SHA-256 of its MQTT password (hex); the password itself is never kept
 * @param active whether it is connected and reporting; only active workers get instances
 * @param lastReportAt when its latest report arrived
 * @param subnet its overlay subnet once the root granted one
 */
@Document("workers")
public record WorkerRecord(
    @Id String nodeId,
    String name,
    String passwordHash,
    Fingerprint fingerprint,
    boolean active,
    Instant registeredAt,
    Instant lastReportAt,
    String subnet) {

  WorkerRecord registered(String newName, String hash, Fingerprint fp, Instant now) {
    return new WorkerRecord(
        nodeId, newName, hash, fp != null ? fp : fingerprint, active, now, lastReportAt, subnet);
  }

  public WorkerRecord reported(Fingerprint fp, Instant at) {
    return new WorkerRecord(
        nodeId, name, passwordHash, fp != null ? fp : fingerprint, true, registeredAt, at, subnet);
  }

  public WorkerRecord withActive(boolean now) {
    return new WorkerRecord(
        nodeId, name, passwordHash, fingerprint, now, registeredAt, lastReportAt, subnet);
  }

  public WorkerRecord withSubnet(String cidr) {
    return new WorkerRecord(
        nodeId, name, passwordHash, fingerprint, active, registeredAt, lastReportAt, cidr);
  }

  public String underlayAddress() {
    return fingerprint == null ? null : fingerprint.underlayAddress();
  }
}
