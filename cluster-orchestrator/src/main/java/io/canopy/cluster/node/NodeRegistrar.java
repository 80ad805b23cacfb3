package io.canopy.cluster.node;

import io.canopy.cluster.ClusterProperties;
import io.canopy.cluster.failure.WorkerWatch;
import io.canopy.cluster.mqtt.BrokerUsers;
import io.canopy.cluster.mqtt.MqttEndpoint;
import io.canopy.cluster.root.RootLink;
import io.canopy.cluster.web.ApiProblem;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.node.NodeRegistration;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Admits a worker: checks its join token, keeps its id when it had one, and gives it a fresh MQTT
 * password (only the hash is kept, so each registration invalidates the previous password).
 */
@Component
class NodeRegistrar {
  private static final Logger log = LoggerFactory.getLogger(NodeRegistrar.class);
  // Ids are MQTT topic levels and user names: no '/', '+', '#' or spaces.
  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private final JoinTokens tokens;
  private final WorkerStore workers;
  private final MqttEndpoint mqtt;
  private final BrokerUsers brokerUsers;
  private final RootLink root;
  private final ClusterProperties properties;
  private final Clock clock;
  private final WorkerWatch watch;

  NodeRegistrar(
      JoinTokens tokens,
      WorkerStore workers,
      MqttEndpoint mqtt,
      BrokerUsers brokerUsers,
      RootLink root,
      ClusterProperties properties,
      Clock clock,
      WorkerWatch watch) {
    this.tokens = tokens;
    this.workers = workers;
    this.mqtt = mqtt;
    this.brokerUsers = brokerUsers;
    this.root = root;
    this.properties = properties;
    this.clock = clock;
    this.watch = watch;
  }

  /** Runs on the cluster loop: the worker record is shared with report handling. */
  NodeRegistration.Accepted register(NodeRegistration request, String hostSeenByWorker) {
    if (!tokens.valid(request.token())) {
      throw ApiProblem.unauthorized("the join token is unknown or expired");
    }
    String nodeId = request.nodeId();
    if (nodeId == null || nodeId.isBlank()) {
      nodeId = newId();
    } else if (!NODE_ID.matcher(nodeId).matches()) {
      throw ApiProblem.badRequest(
          "node_id must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    String password = Secrets.random();
    String name = name(request, nodeId);
    String id = nodeId;
    WorkerRecord worker =
        workers
            .find(nodeId)
            .orElseGet(() -> new WorkerRecord(id, name, null, null, false, null, null, null))
            .registered(name, Secrets.sha256(password), request.fingerprint(), clock.instant());
    workers.save(worker);
    watch.heard(nodeId);
    brokerUsers.registered(nodeId, password);
    log.info("worker {} ({}) registered", nodeId, name);
    if (worker.subnet() == null) {
      root.send(new ClusterMessage.SubnetRequest(UUID.randomUUID().toString(), nodeId));
    }
    String host =
        properties.publicAddress() != null && !properties.publicAddress().isBlank()
            ? properties.publicAddress()
            : hostSeenByWorker;
    return new NodeRegistration.Accepted(
        nodeId,
        mqtt.workerUrlFor(host),
        nodeId,
        password,
        properties.timing().workerReportInterval().toMillis(),
        worker.subnet());
  }

  private static String name(NodeRegistration request, String nodeId) {
    if (request.name() != null && !request.name().isBlank()) {
      return request.name().strip();
    }
    if (request.fingerprint() != null && request.fingerprint().hostname() != null) {
      return request.fingerprint().hostname();
    }
    return nodeId;
  }

  private static String newId() {
    byte[] bytes = new byte[12];
    new java.security.SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
