package io.canopy.root.cluster;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterResources;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Clusters and their registration tokens in MongoDB; names and credentials are unique. */
@Component
public class ClusterStore {
  private final MongoTemplate mongo;

  ClusterStore(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(ClusterDocument.class)
        .createIndex(new Index().on("name", Sort.Direction.ASC).unique());
    mongo
        .indexOps(ClusterDocument.class)
        .createIndex(new Index().on("credentialHash", Sort.Direction.ASC).unique());
    mongo
        .indexOps(ClusterTokenDocument.class)
        .createIndex(new Index().on("tokenHash", Sort.Direction.ASC).unique());
  }

  public Optional<ClusterDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, ClusterDocument.class));
  }

  public Optional<ClusterDocument> byName(String name) {
    return Optional.ofNullable(mongo.findOne(query(where("name").is(name)), ClusterDocument.class));
  }

  public Optional<ClusterDocument> byCredentialHash(String hash) {
    return Optional.ofNullable(
        mongo.findOne(query(where("credentialHash").is(hash)), ClusterDocument.class));
  }

  public List<ClusterDocument> all() {
    return mongo.find(new Query().with(Sort.by("registeredAt")), ClusterDocument.class);
  }

  ClusterDocument insert(ClusterDocument cluster) {
    return mongo.insert(cluster);
  }

  /**
   * Records a resources report (the heartbeat) in one atomic update.
   *
   * @return the cluster as it was before, so the caller can tell whether it just became active
   */
  public Optional<ClusterDocument> report(String id, ClusterResources resources, Instant at) {
    return Optional.ofNullable(
        mongo.findAndModify(
            query(where("_id").is(id)),
            new Update()
                .set("lastReportAt", at)
                .set("resourcesJson", WireJson.mapper().writeValueAsString(resources))
                .inc("version", 1),
            FindAndModifyOptions.options().returnNew(false),
            ClusterDocument.class));
  }

  boolean delete(String id) {
    return mongo.remove(query(where("_id").is(id)), ClusterDocument.class).getDeletedCount() > 0;
  }

  void insertToken(ClusterTokenDocument token) {
    mongo.insert(token);
  }

  Optional<ClusterTokenDocument> tokenByHash(String hash) {
    return Optional.ofNullable(
        mongo.findOne(query(where("tokenHash").is(hash)), ClusterTokenDocument.class));
  }
}
