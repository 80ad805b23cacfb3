package io.canopy.root.cluster;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notices clusters turning inactive (no report within the heartbeat timeout) or active again and
 * logs it ({@code canopy_clusters{state}} counts them: {@code metrics.RootGauges}). Activity itself
 * is decided from the last report's time wherever it is needed; nothing is changed on the instances
 * of an inactive cluster: they stay as they are until it returns.
 */
@Component
class ClusterLiveness {
  private static final Logger log = LoggerFactory.getLogger(ClusterLiveness.class);

  private final ClusterStore clusters;
  private final ClusterProperties properties;
  private final Set<String> active = ConcurrentHashMap.newKeySet();

  ClusterLiveness(ClusterStore clusters, ClusterProperties properties) {
    this.clusters = clusters;
    this.properties = properties;
  }

  @Scheduled(fixedDelay = 5000, initialDelay = 5000)
  void check() {
    Instant now = Instant.now();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    for (ClusterDocument c : clusters.all()) {
      if (c.activeAt(now, properties.heartbeatTimeout())) {
        seen.add(c.id());
        if (active.add(c.id())) {
          log.info("Cluster {} is active", c.name());
        }
      } else if (active.remove(c.id())) {
        log.warn(
            "Cluster {} is inactive: no report for {} s; its instances stay as they are",
            c.name(),
            properties.heartbeatTimeout().toSeconds());
      }
    }
    active.retainAll(seen);
  }
}
