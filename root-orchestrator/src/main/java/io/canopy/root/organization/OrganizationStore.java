package io.canopy.root.organization;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.canopy.root.store.VersionedUpdates;
import io.canopy.root.web.Ids;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Organizations in MongoDB, unique by name. */
@Component
public class OrganizationStore {
  private final MongoTemplate mongo;
  private final VersionedUpdates updates;

  OrganizationStore(MongoTemplate mongo, VersionedUpdates updates) {
    this.mongo = mongo;
    this.updates = updates;
    mongo
        .indexOps(OrganizationDocument.class)
        .createIndex(new Index().on("name", Sort.Direction.ASC).unique());
  }

  public Optional<OrganizationDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, OrganizationDocument.class));
  }

  public Optional<OrganizationDocument> byName(String name) {
    return Optional.ofNullable(
        mongo.findOne(query(where("name").is(name)), OrganizationDocument.class));
  }

  public List<OrganizationDocument> all() {
    return mongo.find(new Query().with(Sort.by("createdAt")), OrganizationDocument.class);
  }

  /** The organization with this name, created when missing (the root organization at start). */
  public OrganizationDocument ensure(String name) {
    return byName(name)
        .orElseGet(
            () -> {
              try {
                return insert(name, List.of());
              } catch (DuplicateKeyException raced) {
                return byName(name).orElseThrow();
              }
            });
  }

  OrganizationDocument insert(String name, List<Member> members) {
    return mongo.insert(new OrganizationDocument(Ids.newId(), name, members, Instant.now(), 0));
  }

  Optional<OrganizationDocument> update(String id, UnaryOperator<OrganizationDocument> change) {
    return updates.update(OrganizationDocument.class, id, change);
  }

  public void addMember(String organizationId, Member member) {
    update(organizationId, o -> o.withMember(member));
  }

  public void removeMember(String organizationId, String userId) {
    update(organizationId, o -> o.withoutMember(userId));
  }

  boolean delete(String id) {
    return mongo.remove(query(where("_id").is(id)), OrganizationDocument.class).getDeletedCount()
        > 0;
  }
}
