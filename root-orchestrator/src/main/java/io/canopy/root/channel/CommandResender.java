package io.canopy.root.channel;

import io.canopy.root.cluster.ClusterProperties;
import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends unacknowledged commands again, every {@code resendInterval}, to connected clusters. */
@Component
class CommandResender {
  private final ClusterSessions sessions;
  private final CommandOutbox outbox;
  private final ClusterProperties properties;

  CommandResender(ClusterSessions sessions, CommandOutbox outbox, ClusterProperties properties) {
    this.sessions = sessions;
    this.outbox = outbox;
    this.properties = properties;
  }

  @Scheduled(fixedDelay = 1000, initialDelay = 1000)
  void resend() {
    Instant due = Instant.now().minus(properties.resendInterval());
    for (String clusterId : sessions.connectedClusters()) {
      outbox.resend(clusterId, due);
    }
  }
}
