package io.canopy.root.user;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.canopy.root.store.VersionedUpdates;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Users in MongoDB; the unique index on (organization, name) settles racing registrations. */
@Component
public class UserStore {
  private final MongoTemplate mongo;
  private final VersionedUpdates updates;

  UserStore(MongoTemplate mongo, VersionedUpdates updates) {
    this.mongo = mongo;
    this.updates = updates;
    mongo
        .indexOps(UserDocument.class)
        .createIndex(
            new Index()
                .on("organizationId", Sort.Direction.ASC)
                .on("name", Sort.Direction.ASC)
                .unique());
  }

  public Optional<UserDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, UserDocument.class));
  }

  public Optional<UserDocument> byName(String organizationId, String name) {
    return Optional.ofNullable(
        mongo.findOne(
            query(where("organizationId").is(organizationId).and("name").is(name)),
            UserDocument.class));
  }

  public List<UserDocument> named(String name) {
    return mongo.find(query(where("name").is(name)), UserDocument.class);
  }

  public List<UserDocument> all() {
    return mongo.find(new Query().with(Sort.by("createdAt")), UserDocument.class);
  }

  public List<UserDocument> inOrganization(String organizationId) {
    return mongo.find(
        query(where("organizationId").is(organizationId)).with(Sort.by("createdAt")),
        UserDocument.class);
  }

  public long count() {
    return mongo.count(new Query(), UserDocument.class);
  }

  /** Only for the first admin, created before anyone can log in. */
  public UserDocument bootstrap(UserDocument user) {
    return insert(user);
  }

  UserDocument insert(UserDocument user) {
    return mongo.insert(user);
  }

  Optional<UserDocument> update(String id, UnaryOperator<UserDocument> change) {
    return updates.update(UserDocument.class, id, change);
  }

  boolean delete(String id) {
    return mongo.remove(query(where("_id").is(id)), UserDocument.class).getDeletedCount() > 0;
  }
}
