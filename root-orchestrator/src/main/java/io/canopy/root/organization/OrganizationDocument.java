package io.canopy.root.organization;

import io.canopy.root.store.VersionedDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** An organization and its members; names are unique. */
@Document("organizations")
public record OrganizationDocument(
    @Id String id, String name, List<Member> members, Instant createdAt, long version)
    implements VersionedDocument {

  public static final String ROOT = "root";

  public OrganizationDocument {
    members = members == null ? List.of() : List.copyOf(members);
  }

  OrganizationDocument withName(String newName) {
    return new OrganizationDocument(id, newName, members, createdAt, version);
  }

  OrganizationDocument withMembers(List<Member> newMembers) {
    return new OrganizationDocument(id, name, newMembers, createdAt, version);
  }

  /** Adds the member or replaces its roles. */
  OrganizationDocument withMember(Member member) {
    List<Member> next = new ArrayList<>(members);
    next.removeIf(m -> m.userId().equals(member.userId()));
    next.add(member);
    return withMembers(next);
  }

  OrganizationDocument withoutMember(String userId) {
    List<Member> next = new ArrayList<>(members);
    next.removeIf(m -> m.userId().equals(userId));
    return withMembers(next);
  }
}
