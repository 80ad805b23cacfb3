package io.canopy.root.service;

import io.canopy.root.store.VersionedDocument;
import io.canopy.sla.Microservice;
import io.canopy.wire.WireJson;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A service (Oakestra's "job"): its SLA as the user wrote it (kept as JSON, so every SLA field
 * survives exactly), its stable address and the counter that numbers its instances. {@code
 * revision} grows with every SLA update; instances remember the revision they run.
 */
@Document("services")
public record ServiceDocument(
    @Id String id,
    String applicationId,
    String userId,
    String applicationName,
    String applicationNamespace,
    String microserviceName,
    String microserviceNamespace,
    String fullName,
    String slaJson,
    String serviceIp,
    int nextInstanceNumber,
    int revision,
    Instant createdAt,
    Instant updatedAt,
    long version)
    implements VersionedDocument {

  public Microservice microservice() {
    return WireJson.mapper().readValue(slaJson, Microservice.class);
  }

  ServiceDocument withSla(String json) {
    return new ServiceDocument(
        id,
        applicationId,
        userId,
        applicationName,
        applicationNamespace,
        microserviceName,
        microserviceNamespace,
        fullName,
        json,
        serviceIp,
        nextInstanceNumber,
        revision + 1,
        createdAt,
        Instant.now(),
        version);
  }
}
