package io.canopy.root.channel;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.canopy.root.web.Ids;
import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.RootCommand;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Deploy and undeploy commands on their way to clusters: stored first, then sent, re-sent until the
 * cluster acknowledges them. A cluster applies each command id at most once, so re-sending is safe.
 */
@Component
public class CommandOutbox {
  private final MongoTemplate mongo;
  private final ClusterSessions sessions;

  CommandOutbox(MongoTemplate mongo, ClusterSessions sessions) {
    this.mongo = mongo;
    this.sessions = sessions;
    mongo
        .indexOps(CommandDocument.class)
        .createIndex(
            new Index().on("clusterId", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC));
    mongo
        .indexOps(CommandDocument.class)
        .createIndex(new Index().on("instanceId", Sort.Direction.ASC));
  }

  public static String newCommandId() {
    return Ids.newId();
  }

  /** Stores a deploy for the cluster and sends it at once when the cluster is connected. */
  public void deploy(String clusterId, RootCommand.Deploy command) {
    enqueue(clusterId, command.instance().instanceId(), "deploy", command.commandId(), command);
  }

  /**
   * Stores an undeploy, dropping any deploy of the same instance still waiting: the cluster must
   * not receive it after the undeploy.
   */
  public void undeploy(String clusterId, String instanceId) {
    mongo.remove(
        query(where("instanceId").is(instanceId).and("type").is("deploy")), CommandDocument.class);
    String id = newCommandId();
    enqueue(clusterId, instanceId, "undeploy", id, new RootCommand.Undeploy(id, instanceId));
  }

  /** An undeploy of a stale copy, unless one is already on its way to that cluster. */
  public void undeployOnce(String clusterId, String instanceId) {
    boolean waiting =
        mongo.exists(
            query(
                where("clusterId")
                    .is(clusterId)
                    .and("instanceId")
                    .is(instanceId)
                    .and("type")
                    .is("undeploy")),
            CommandDocument.class);
    if (!waiting) {
      String id = newCommandId();
      enqueue(clusterId, instanceId, "undeploy", id, new RootCommand.Undeploy(id, instanceId));
    }
  }

  /** Drops a waiting deploy of the instance (its placement was given up). */
  public void dropDeploys(String instanceId) {
    mongo.remove(
        query(where("instanceId").is(instanceId).and("type").is("deploy")), CommandDocument.class);
  }

  void acknowledged(String clusterId, String commandId) {
    mongo.remove(
        query(where("_id").is(commandId).and("clusterId").is(clusterId)), CommandDocument.class);
  }

  /** A desired state the cluster acknowledged covers every command created before it. */
  void supersededBefore(String clusterId, Instant before) {
    mongo.remove(
        query(where("clusterId").is(clusterId).and("createdAt").lt(before)), CommandDocument.class);
  }

  public void dropCluster(String clusterId) {
    mongo.remove(query(where("clusterId").is(clusterId)), CommandDocument.class);
  }

  /** Commands stored and not yet acknowledged, of every cluster. */
  public long unacknowledged() {
    return mongo.count(new Query(), CommandDocument.class);
  }

  List<CommandDocument> pending(String clusterId) {
    return mongo.find(
        query(where("clusterId").is(clusterId)).with(Sort.by("createdAt")), CommandDocument.class);
  }

  /** Sends every waiting command of the cluster not sent within {@code olderThan}. */
  void resend(String clusterId, Instant notSentSince) {
    for (CommandDocument c : pending(clusterId)) {
      if (c.lastSentAt() == null || c.lastSentAt().isBefore(notSentSince)) {
        send(c);
      }
    }
  }

  private void enqueue(
      String clusterId, String instanceId, String type, String id, RootCommand command) {
    CommandDocument doc =
        new CommandDocument(
            id,
            clusterId,
            instanceId,
            type,
            WireJson.mapper().writeValueAsString(command),
            Instant.now(),
            null);
    mongo.insert(doc);
    send(doc);
  }

  private void send(CommandDocument c) {
    RootCommand command = WireJson.mapper().readValue(c.payloadJson(), RootCommand.class);
    if (sessions.send(c.clusterId(), command)) {
      mongo.updateFirst(
          query(where("_id").is(c.id())),
          new Update().set("lastSentAt", Instant.now()),
          CommandDocument.class);
    }
  }
}
