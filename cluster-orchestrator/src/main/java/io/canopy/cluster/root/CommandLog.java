package io.canopy.cluster.root;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * The root's command ids this cluster has applied. The root re-sends a command until it is
 * acknowledged, so the same id may arrive again (after a lost ack, a reconnect, a restart): it is
 * acknowledged again and not applied twice.
 */
@Component
class CommandLog {
  private final MongoTemplate mongo;

  CommandLog(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @Document("applied_commands")
  record Applied(@Id String commandId, String type, Instant at) {}

  boolean applied(String commandId) {
    return mongo.findById(commandId, Applied.class) != null;
  }

  void remember(String commandId, String type) {
    mongo.save(new Applied(commandId, type, Instant.now()));
  }
}
