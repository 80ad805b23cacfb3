package io.canopy.root.address;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.canopy.core.address.SubnetPool;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Grants each worker a /26 out of 10.18.0.0–10.29.255.255 when its cluster asks. Asking again for
 * the same worker gives the same block; the block as document id and a unique (cluster, node) index
 * make every grant atomic.
 */
@Component
public class SubnetAllocator {
  private final MongoTemplate mongo;
  private final SubnetPool pool = new SubnetPool();

  SubnetAllocator(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(SubnetDocument.class)
        .createIndex(
            new Index()
                .on("clusterId", Sort.Direction.ASC)
                .on("nodeId", Sort.Direction.ASC)
                .unique());
  }

  /** The worker's block, granted now if it has none; empty when the pool is exhausted. */
  public Optional<String> grant(String clusterId, String nodeId) {
    Optional<String> existing = held(clusterId, nodeId);
    if (existing.isPresent()) {
      return existing;
    }
    List<String> taken =
        mongo.findAll(SubnetDocument.class).stream().map(SubnetDocument::cidr).toList();
    Iterator<String> free = pool.free(taken).iterator();
    while (free.hasNext()) {
      String cidr = free.next();
      try {
        mongo.insert(new SubnetDocument(cidr, clusterId, nodeId, Instant.now()));
        return Optional.of(cidr);
      } catch (DuplicateKeyException raced) {
        Optional<String> mine = held(clusterId, nodeId);
        if (mine.isPresent()) {
          return mine; // a concurrent request for the same worker won: same answer
        }
      }
    }
    return Optional.empty();
  }

  /** Every block granted to the cluster's workers: node id → CIDR. */
  public Map<String, String> grantedTo(String clusterId) {
    Map<String, String> granted = new HashMap<>();
    mongo
        .find(query(where("clusterId").is(clusterId)), SubnetDocument.class)
        .forEach(s -> granted.put(s.nodeId(), s.cidr()));
    return granted;
  }

  public void releaseCluster(String clusterId) {
    mongo.remove(query(where("clusterId").is(clusterId)), SubnetDocument.class);
  }

  private Optional<String> held(String clusterId, String nodeId) {
    return Optional.ofNullable(
            mongo.findOne(
                query(where("clusterId").is(clusterId).and("nodeId").is(nodeId)),
                SubnetDocument.class))
        .map(SubnetDocument::cidr);
  }
}
