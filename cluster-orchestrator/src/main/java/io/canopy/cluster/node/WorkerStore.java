package io.canopy.cluster.node;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Registered workers in MongoDB. */
@Component
public class WorkerStore {
  private final MongoTemplate mongo;

  WorkerStore(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Optional<WorkerRecord> find(String nodeId) {
    return nodeId == null
        ? Optional.empty()
        : Optional.ofNullable(mongo.findById(nodeId, WorkerRecord.class));
  }

  public List<WorkerRecord> all() {
    return mongo.findAll(WorkerRecord.class);
  }

  public WorkerRecord save(WorkerRecord worker) {
    return mongo.save(worker);
  }
}
