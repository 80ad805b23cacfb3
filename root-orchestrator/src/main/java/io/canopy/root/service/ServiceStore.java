package io.canopy.root.service;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.canopy.root.store.VersionedUpdates;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Services in MongoDB, unique by full name. */
@Component
public class ServiceStore {
  private final MongoTemplate mongo;
  private final VersionedUpdates updates;

  ServiceStore(MongoTemplate mongo, VersionedUpdates updates) {
    this.mongo = mongo;
    this.updates = updates;
    mongo
        .indexOps(ServiceDocument.class)
        .createIndex(new Index().on("fullName", Sort.Direction.ASC).unique());
    mongo
        .indexOps(ServiceDocument.class)
        .createIndex(new Index().on("applicationId", Sort.Direction.ASC));
  }

  public Optional<ServiceDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, ServiceDocument.class));
  }

  public Optional<ServiceDocument> byFullName(String fullName) {
    return Optional.ofNullable(
        mongo.findOne(query(where("fullName").is(fullName)), ServiceDocument.class));
  }

  public List<ServiceDocument> ofApplication(String applicationId) {
    return mongo.find(
        query(where("applicationId").is(applicationId)).with(Sort.by("createdAt")),
        ServiceDocument.class);
  }

  public List<ServiceDocument> all() {
    return mongo.findAll(ServiceDocument.class);
  }

  public long count() {
    return mongo.count(new Query(), ServiceDocument.class);
  }

  /**
   * The next instance number of the service, taken atomically ({@code $inc} in one findAndModify,
   * which also bumps the version so a concurrent versioned update re-reads).
   */
  public Optional<Integer> takeInstanceNumber(String serviceId) {
    ServiceDocument before =
        mongo.findAndModify(
            query(where("_id").is(serviceId)),
            new Update().inc("nextInstanceNumber", 1).inc("version", 1),
            FindAndModifyOptions.options().returnNew(false),
            ServiceDocument.class);
    return Optional.ofNullable(before).map(ServiceDocument::nextInstanceNumber);
  }

  ServiceDocument insert(ServiceDocument service) {
    return mongo.insert(service);
  }

  Optional<ServiceDocument> update(String id, UnaryOperator<ServiceDocument> change) {
    return updates.update(ServiceDocument.class, id, change);
  }

  void delete(String id) {
    mongo.remove(query(where("_id").is(id)), ServiceDocument.class);
  }
}
