package io.canopy.root.application;

import io.canopy.root.store.VersionedDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** An application: unique by (owner, name, namespace); lists its services' ids. */
@Document("applications")
public record ApplicationDocument(
    @Id String id,
    String applicationName,
    String applicationNamespace,
    String applicationDesc,
    String userId,
    List<String> microservices,
    Instant createdAt,
    long version)
    implements VersionedDocument {

  public ApplicationDocument {
    microservices = microservices == null ? List.of() : List.copyOf(microservices);
  }

  ApplicationDocument withServiceAdded(String serviceId) {
    List<String> next = new ArrayList<>(microservices);
    if (!next.contains(serviceId)) {
      next.add(serviceId);
    }
    return withServices(next);
  }

  ApplicationDocument withServiceRemoved(String serviceId) {
    List<String> next = new ArrayList<>(microservices);
    next.remove(serviceId);
    return withServices(next);
  }

  private ApplicationDocument withServices(List<String> services) {
    return new ApplicationDocument(
        id,
        applicationName,
        applicationNamespace,
        applicationDesc,
        userId,
        services,
        createdAt,
        version);
  }

  ApplicationDocument renamed(String name, String namespace, String desc) {
    return new ApplicationDocument(
        id, name, namespace, desc, userId, microservices, createdAt, version);
  }
}
