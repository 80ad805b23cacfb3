package io.canopy.root.channel;

import io.canopy.root.address.SubnetAllocator;
import io.canopy.root.cluster.ClusterDocument;
import io.canopy.root.cluster.ClusterProperties;
import io.canopy.root.cluster.ClusterStore;
import io.canopy.root.instance.InstanceStatusApplier;
import io.canopy.root.instance.InstanceStore;
import io.canopy.root.overlay.OverlayRelay;
import io.canopy.root.scheduling.SchedulingLoop;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.RootCommand;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;

/**
 * The root's end of a cluster's channel: one JSON {@link ClusterMessage} per text frame in, {@link
 * RootCommand}s out. A message that cannot be read is logged and skipped; it never closes the
 * channel, so a newer cluster's additions do not cut it off.
 */
@Component
class ClusterChannelHandler extends TextWebSocketHandler {
  private static final Logger log = LoggerFactory.getLogger(ClusterChannelHandler.class);

  private final ClusterSessions sessions;
  private final ClusterStore clusters;
  private final CommandOutbox outbox;
  private final DesiredStates desiredStates;
  private final InstanceStatusApplier statuses;
  private final InstanceStore instances;
  private final SubnetAllocator subnets;
  private final LogsRequests logs;
  private final SchedulingLoop scheduling;
  private final ClusterProperties properties;
  private final OverlayRelay overlays;

  ClusterChannelHandler(
      ClusterSessions sessions,
      ClusterStore clusters,
      CommandOutbox outbox,
      DesiredStates desiredStates,
      InstanceStatusApplier statuses,
      InstanceStore instances,
      SubnetAllocator subnets,
      LogsRequests logs,
      SchedulingLoop scheduling,
      ClusterProperties properties,
      OverlayRelay overlays) {
    this.sessions = sessions;
    this.clusters = clusters;
    this.outbox = outbox;
    this.desiredStates = desiredStates;
    this.statuses = statuses;
    this.instances = instances;
    this.subnets = subnets;
    this.logs = logs;
    this.scheduling = scheduling;
    this.properties = properties;
    this.overlays = overlays;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    String clusterId = clusterOf(session);
    sessions.opened(clusterId, session);
    log.info("Cluster {} connected from {}", clusterId, session.getRemoteAddress());
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage text) {
    String clusterId = clusterOf(session);
    ClusterMessage message;
    try {
      message = WireJson.mapper().readValue(text.getPayload(), ClusterMessage.class);
    } catch (JacksonException e) {
      log.warn(
          "Cluster {} sent a message the root cannot read: {}", clusterId, e.getOriginalMessage());
      return;
    }
    try {
      handle(clusterId, message);
    } catch (RuntimeException e) {
      log.error(
          "Handling {} from cluster {} failed", message.getClass().getSimpleName(), clusterId, e);
    }
  }

  private void handle(String clusterId, ClusterMessage message) {
    switch (message) {
      case ClusterMessage.Ack ack -> {
        if (!desiredStates.acknowledged(clusterId, ack.commandId())) {
          outbox.acknowledged(clusterId, ack.commandId());
        }
      }
      case ClusterMessage.Resources r -> resources(clusterId, r);
      case ClusterMessage.InstanceChanged changed ->
          changed.statuses().forEach(s -> status(clusterId, s));
      case ClusterMessage.SyncRequest sync -> {
        sync.observed().forEach(s -> status(clusterId, s));
        sessions.send(clusterId, desiredStates.build(clusterId));
        outbox.resend(clusterId, Instant.now());
        overlays.connected(clusterId);
      }
      case ClusterMessage.LogsResult result -> logs.answered(result);
      case ClusterMessage.SubnetRequest request -> subnet(clusterId, request);
    }
  }

  private void resources(String clusterId, ClusterMessage.Resources r) {
    r.usage().stream()
        .filter(u -> u.instanceId() != null)
        .forEach(u -> instances.recordUsage(clusterId, u));
    if (r.resources() == null) {
      return;
    }
    Instant now = Instant.now();
    Optional<ClusterDocument> before = clusters.report(clusterId, r.resources(), now);
    boolean wasActive =
        before.map(c -> c.activeAt(now, properties.heartbeatTimeout())).orElse(false);
    boolean changed = before.map(c -> !Objects.equals(c.resources(), r.resources())).orElse(true);
    if (!wasActive || changed) {
      scheduling.kick();
    }
    overlays.reported(clusterId, r.overlay(), now);
  }

  private void status(String clusterId, InstanceStatus status) {
    InstanceStatusApplier.Outcome outcome = statuses.apply(clusterId, status);
    boolean stale =
        outcome == InstanceStatusApplier.Outcome.UNKNOWN_INSTANCE
            || outcome == InstanceStatusApplier.Outcome.OTHER_CLUSTER;
    if (stale && status.state() != InstanceState.UNDEPLOYED) {
      // The root no longer wants it there (removed, or placed elsewhere): stop the stale copy.
      outbox.undeployOnce(clusterId, status.instanceId());
    }
    if (outcome == InstanceStatusApplier.Outcome.GIVEN_BACK) {
      scheduling.kick();
    }
  }

  private void subnet(String clusterId, ClusterMessage.SubnetRequest request) {
    if (request.nodeId() == null || request.nodeId().isBlank()) {
      log.warn("Cluster {} asked for a subnet without naming the worker", clusterId);
      return;
    }
    Optional<String> cidr = subnets.grant(clusterId, request.nodeId());
    if (cidr.isEmpty()) {
      log.error("No worker subnet left for worker {} of cluster {}", request.nodeId(), clusterId);
      return;
    }
    sessions.send(
        clusterId,
        new RootCommand.SubnetGranted(request.requestId(), request.nodeId(), cidr.get()));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    String clusterId = clusterOf(session);
    sessions.closed(clusterId, session);
    log.info("Cluster {} disconnected: {}", clusterId, status);
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    log.info("Channel of cluster {} failed: {}", clusterOf(session), exception.toString());
  }

  private static String clusterOf(WebSocketSession session) {
    return (String) session.getAttributes().get(CredentialHandshake.CLUSTER_ID);
  }
}
