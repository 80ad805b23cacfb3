package io.canopy.root.channel;

import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.RootCommand;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/** The open channel of each connected cluster; a newer connection of a cluster replaces the old. */
@Component
public class ClusterSessions {
  private static final Logger log = LoggerFactory.getLogger(ClusterSessions.class);
  private static final int SEND_TIME_LIMIT_MS = 10_000;
  private static final int BUFFER_LIMIT_BYTES = 16 * 1024 * 1024;

  private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
  private final Counter accepted;

  ClusterSessions(MeterRegistry meters) {
    this.accepted =
        Counter.builder("canopy.channel.reconnects")
            .description("cluster channel connections accepted")
            .register(meters);
  }

  void opened(String clusterId, WebSocketSession session) {
    accepted.increment();
    WebSocketSession safe =
        new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES);
    WebSocketSession previous = sessions.put(clusterId, safe);
    if (previous != null && previous.isOpen()) {
      log.info("Cluster {} connected again; closing its previous channel", clusterId);
      closeQuietly(
          previous, CloseStatus.POLICY_VIOLATION.withReason("replaced by a newer connection"));
    }
  }

  void closed(String clusterId, WebSocketSession session) {
    sessions.computeIfPresent(
        clusterId, (id, current) -> sameSession(current, session) ? null : current);
  }

  public boolean connected(String clusterId) {
    WebSocketSession s = sessions.get(clusterId);
    return s != null && s.isOpen();
  }

  public java.util.Set<String> connectedClusters() {
    return java.util.Set.copyOf(sessions.keySet());
  }

  /** Sends one message; false when the cluster is not connected or the send failed. */
  public boolean send(String clusterId, RootCommand command) {
    WebSocketSession s = sessions.get(clusterId);
    if (s == null || !s.isOpen()) {
      return false;
    }
    try {
      s.sendMessage(new TextMessage(WireJson.mapper().writeValueAsString(command)));
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("Could not send to cluster {}: {}", clusterId, e.toString());
      return false;
    }
  }

  public void disconnect(String clusterId, String why) {
    WebSocketSession s = sessions.remove(clusterId);
    if (s != null) {
      closeQuietly(s, CloseStatus.NORMAL.withReason(why));
    }
  }

  private static boolean sameSession(WebSocketSession a, WebSocketSession b) {
    return a.getId().equals(b.getId());
  }

  private static void closeQuietly(WebSocketSession s, CloseStatus status) {
    try {
      s.close(status);
    } catch (IOException | RuntimeException e) {
      log.debug("Closing a channel failed: {}", e.toString());
    }
  }
}
