package io.canopy.root.overlay;

import io.canopy.core.overlay.OverlayViews;
import io.canopy.root.channel.ClusterSessions;
import io.canopy.root.cluster.ClusterProperties;
import io.canopy.wire.cluster.RootCommand;
import io.canopy.wire.net.OverlayView;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Relays the overlay between clusters: it keeps the latest relayable overlay each cluster reported
 * (in memory; after a root restart the clusters' next reports rebuild it) and sends every connected
 * cluster the union of the other <em>active</em> clusters' ({@link RootCommand.RemoteOverlay}), at
 * once when it changes and after every (re)connect. A cluster that goes inactive (no report within
 * the heartbeat timeout) or is deregistered has its entries withdrawn from the others; a mere
 * channel drop does not withdraw them, since the tunnels between workers do not need the root.
 */
@Component
public class OverlayRelay {
  private static final Logger log = LoggerFactory.getLogger(OverlayRelay.class);

  private final ClusterSessions sessions;
  private final ReportedOverlays reports;
  private final ClusterProperties properties;
  private final Instant settledAt;
  private final Map<String, Reported> reported = new HashMap<>();
  private final Map<String, OverlayView> sent = new HashMap<>();
  private Set<String> activeBefore = Set.of();
  private boolean dirty = true;

  private record Reported(OverlayView overlay, Instant at) {}

  OverlayRelay(ClusterSessions sessions, ReportedOverlays reports, ClusterProperties properties) {
    this.sessions = sessions;
    this.reports = reports;
    this.properties = properties;
    this.settledAt = Instant.now().plus(properties.relaySettle());
  }

  /**
   * A cluster's resources report arrived (its heartbeat).
   *
   * @param overlay its own overlay; null when unchanged since its previous one
   */
  public synchronized void reported(String clusterId, OverlayView overlay, Instant now) {
    Reported before = reported.get(clusterId);
    OverlayView next =
        overlay != null
            ? reports.relayable(clusterId, overlay)
            : before == null ? OverlayView.EMPTY : before.overlay();
    reported.put(clusterId, new Reported(next, now));
    if (before == null || !before.overlay().equals(next) || !active(before, now)) {
      dirty = true;
      relay(now);
    }
  }

  /** The cluster (re)connected and asked for its state: it gets the relay anew. */
  public synchronized void connected(String clusterId) {
    sent.remove(clusterId);
    dirty = true;
    relay(Instant.now());
  }

  /** The cluster was deregistered: its entries leave the other clusters at once. */
  public synchronized void forget(String clusterId) {
    reported.remove(clusterId);
    sent.remove(clusterId);
    reports.forget(clusterId);
    dirty = true;
    relay(Instant.now());
  }

  /** Withdraws clusters that went inactive; sends again what a failed send left out. */
  @Scheduled(fixedDelay = 1000, initialDelay = 1000)
  synchronized void sweep() {
    relay(Instant.now());
  }

  private void relay(Instant now) {
    if (now.isBefore(settledAt)) {
      return; // dirty stays set: the first sweep after settling sends to everyone
    }
    Set<String> active = new TreeSet<>();
    reported.forEach(
        (id, r) -> {
          if (active(r, now)) {
            active.add(id);
          }
        });
    if (!dirty && active.equals(activeBefore)) {
      return;
    }
    for (String id : activeBefore) {
      Reported gone = reported.get(id);
      if (!active.contains(id) && gone != null && !gone.overlay().equals(OverlayView.EMPTY)) {
        log.info(
            "Cluster {} is inactive: its {} instances and {} workers leave the other clusters",
            id,
            gone.overlay().instanceCount(),
            gone.overlay().peers().size());
      }
    }
    activeBefore = Set.copyOf(active);
    boolean allSent = true;
    for (String clusterId : sessions.connectedClusters()) {
      List<OverlayView> others =
          active.stream()
              .filter(id -> !id.equals(clusterId))
              .map(id -> reported.get(id).overlay())
              .toList();
      OverlayView union = OverlayViews.concat(others);
      if (!union.equals(sent.get(clusterId))) {
        if (sessions.send(clusterId, new RootCommand.RemoteOverlay(union))) {
          sent.put(clusterId, union);
        } else {
          allSent = false;
        }
      }
    }
    dirty = !allSent;
  }

  private boolean active(Reported r, Instant now) {
    return !r.at().isBefore(now.minus(properties.heartbeatTimeout()));
  }
}
