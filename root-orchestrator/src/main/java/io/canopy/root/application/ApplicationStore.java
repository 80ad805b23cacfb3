package io.canopy.root.application;

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

/** Applications in MongoDB, unique per (owner, name, namespace). */
@Component
public class ApplicationStore {
  private final MongoTemplate mongo;
  private final VersionedUpdates updates;

  ApplicationStore(MongoTemplate mongo, VersionedUpdates updates) {
    this.mongo = mongo;
    this.updates = updates;
    mongo
        .indexOps(ApplicationDocument.class)
        .createIndex(
            new Index()
                .on("userId", Sort.Direction.ASC)
                .on("applicationName", Sort.Direction.ASC)
                .on("applicationNamespace", Sort.Direction.ASC)
                .unique());
  }

  public Optional<ApplicationDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, ApplicationDocument.class));
  }

  public Optional<ApplicationDocument> byName(String userId, String name, String namespace) {
    return Optional.ofNullable(
        mongo.findOne(
            query(
                where("userId")
                    .is(userId)
                    .and("applicationName")
                    .is(name)
                    .and("applicationNamespace")
                    .is(namespace)),
            ApplicationDocument.class));
  }

  public List<ApplicationDocument> all() {
    return mongo.find(new Query().with(Sort.by("createdAt")), ApplicationDocument.class);
  }

  public List<ApplicationDocument> ofUser(String userId) {
    return mongo.find(
        query(where("userId").is(userId)).with(Sort.by("createdAt")), ApplicationDocument.class);
  }

  public long count() {
    return mongo.count(new Query(), ApplicationDocument.class);
  }

  ApplicationDocument insert(ApplicationDocument app) {
    return mongo.insert(app);
  }

  Optional<ApplicationDocument> update(String id, UnaryOperator<ApplicationDocument> change) {
    return updates.update(ApplicationDocument.class, id, change);
  }

  public void addService(String applicationId, String serviceId) {
    update(applicationId, a -> a.withServiceAdded(serviceId));
  }

  public void removeService(String applicationId, String serviceId) {
    update(applicationId, a -> a.withServiceRemoved(serviceId));
  }

  void delete(String id) {
    mongo.remove(query(where("_id").is(id)), ApplicationDocument.class);
  }
}
