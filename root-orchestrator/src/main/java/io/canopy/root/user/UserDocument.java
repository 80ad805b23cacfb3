package io.canopy.root.user;

import io.canopy.root.store.VersionedDocument;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A user as stored; the name is unique within its organization. */
@Document("users")
public record UserDocument(
    @Id String id,
    String name,
    String email,
    String passwordHash,
    List<Role> roles,
    String organizationId,
    Instant createdAt,
    long version)
    implements VersionedDocument {

  public UserDocument {
    roles = roles == null ? List.of() : List.copyOf(roles);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  UserDocument withEmail(String newEmail) {
    return new UserDocument(
        id, name, newEmail, passwordHash, roles, organizationId, createdAt, version);
  }

  UserDocument withRoles(List<Role> newRoles) {
    return new UserDocument(
        id, name, email, passwordHash, newRoles, organizationId, createdAt, version);
  }

  UserDocument withPasswordHash(String hash) {
    return new UserDocument(id, name, email, hash, roles, organizationId, createdAt, version);
  }
}
