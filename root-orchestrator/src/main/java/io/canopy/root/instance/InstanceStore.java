package io.canopy.root.instance;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.canopy.core.lifecycle.DesiredState;
import io.canopy.root.store.VersionedUpdates;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceUsage;
import java.time.Instant;
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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Instances in MongoDB: one document each, numbered uniquely within their service. */
@Component
public class InstanceStore {
  /** How many usage samples each instance keeps: two minutes at the default 2 s reports. */
  public static final int USAGE_HISTORY = 60;

  private static final double BYTES_PER_MB = 1024.0 * 1024.0;

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

  /**
   * Appends a usage sample to the instance's histories, keeping the last {@link #USAGE_HISTORY}:
   * one atomic push on the document, with no version check and no version bump, so it never
   * conflicts with a state change (which leaves the histories alone). Only the cluster the instance
   * is placed on may add to them.
   *
   * @return whether the instance is on that cluster
   */
  public boolean recordUsage(String clusterId, InstanceUsage usage) {
    Instant at = usage.at() != null ? usage.at() : Instant.now();
    Update push = new Update();
    push.push("cpuHistory").slice(-USAGE_HISTORY).each(new UsageSample(at, usage.cpuPercent()));
    push.push("memoryHistory")
        .slice(-USAGE_HISTORY)
        .each(new UsageSample(at, usage.memoryBytes() / BYTES_PER_MB));
    return mongo
            .updateFirst(
                query(where("_id").is(usage.instanceId()).and("clusterId").is(clusterId)),
                push,
                InstanceDocument.class)
            .getMatchedCount()
        == 1;
  }

  void delete(String id) {
    mongo.remove(query(where("_id").is(id)), InstanceDocument.class);
  }
}
