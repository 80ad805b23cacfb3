package io.canopy.cluster.instance;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.canopy.core.capacity.Reservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The cluster's instances in MongoDB; each change is one single-document write. */
@Component
public class InstanceStore {
  private final MongoTemplate mongo;

  InstanceStore(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Optional<InstanceRecord> find(String instanceId) {
    return Optional.ofNullable(mongo.findById(instanceId, InstanceRecord.class));
  }

  public List<InstanceRecord> all() {
    return mongo.findAll(InstanceRecord.class);
  }

  public List<InstanceRecord> onNode(String nodeId) {
    return mongo.find(Query.query(where("nodeId").is(nodeId)), InstanceRecord.class);
  }

  /**
   * What the instances placed on each worker hold there, leaving out {@code exceptInstanceId} (the
   * one being placed again must not compete with its own old reservation).
   */
  public Map<String, List<Reservation>> reservationsByNode(String exceptInstanceId) {
    Map<String, List<Reservation>> byNode = new HashMap<>();
    for (InstanceRecord r : all()) {
      if (r.reserves() && !r.instanceId().equals(exceptInstanceId)) {
        byNode.computeIfAbsent(r.nodeId(), n -> new ArrayList<>()).add(Reservation.of(r.spec()));
      }
    }
    return byNode;
  }

  /** Sets or clears (null) when a backoff restart is due. */
  public void restartAt(InstanceRecord r, java.time.Instant at) {
    save(r.restartDue(at));
  }

  InstanceRecord save(InstanceRecord record) {
    return mongo.save(record);
  }
}
