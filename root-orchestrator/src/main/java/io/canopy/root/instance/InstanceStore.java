package io.canopy.root.instance;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.canopy.core.lifecycle.DesiredState;
import io.canopy.root.store.VersionedUpdates;
import io.canopy.wire.InstanceState;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Instances in MongoDB: one document each, numbered uniquely within their service. */
@Component
public class InstanceStore {
  private final MongoTemplate mongo;
  private final VersionedUpdates updates;

  InstanceStore(MongoTemplate mongo, VersionedUpdates updates) {
    this.mongo = mongo;
    this.updates = updates;
    mongo
        .indexOps(InstanceDocument.class)
        .createIndex(
            new Index()
                .on("serviceId", Sort.Direction.ASC)
                .on("instanceNumber", Sort.Direction.ASC)
                .unique());
    mongo
        .indexOps(InstanceDocument.class)
        .createIndex(new Index().on("clusterId", Sort.Direction.ASC));
    mongo.indexOps(InstanceDocument.class).createIndex(new Index().on("state", Sort.Direction.ASC));
  }

  public Optional<InstanceDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, InstanceDocument.class));
  }

  public Optional<InstanceDocument> byNumber(String serviceId, int number) {
    return Optional.ofNullable(
        mongo.findOne(
            query(where("serviceId").is(serviceId).and("instanceNumber").is(number)),
            InstanceDocument.class));
  }

  public List<InstanceDocument> ofService(String serviceId) {
    return mongo.find(
        query(where("serviceId").is(serviceId)).with(Sort.by("instanceNumber")),
        InstanceDocument.class);
  }

  public List<InstanceDocument> onCluster(String clusterId) {
    return mongo.find(query(where("clusterId").is(clusterId)), InstanceDocument.class);
  }

  /** Instances waiting for the root scheduler. */
  public List<InstanceDocument> waiting() {
    return mongo.find(
        query(
                where("desired")
                    .is(DesiredState.RUN)
                    .and("state")
                    .in(InstanceState.REQUESTED, InstanceState.UNSCHEDULABLE))
            .with(Sort.by("createdAt")),
        InstanceDocument.class);
  }

  /** How many instances are in each state (states without any are left out). */
  public Map<InstanceState, Long> countByState() {
    Map<InstanceState, Long> counts = new EnumMap<>(InstanceState.class);
    Aggregation byState = Aggregation.newAggregation(Aggregation.group("state").count().as("n"));
    for (Document row :
        mongo.aggregate(byState, InstanceDocument.class, Document.class).getMappedResults()) {
      Object state = row.get("_id");
      if (state != null) {
        counts.put(InstanceState.valueOf(state.toString()), ((Number) row.get("n")).longValue());
      }
    }
    return counts;
  }

  public long count() {
    return mongo.count(new Query(), InstanceDocument.class);
  }

  public InstanceDocument insert(InstanceDocument instance) {
    return mongo.insert(instance);
  }

  public Optional<InstanceDocument> update(String id, UnaryOperator<InstanceDocument> change) {
    return updates.update(InstanceDocument.class, id, change);
  }

  void delete(String id) {
    mongo.remove(query(where("_id").is(id)), InstanceDocument.class);
  }
}
