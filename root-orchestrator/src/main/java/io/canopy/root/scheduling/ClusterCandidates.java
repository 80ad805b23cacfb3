package io.canopy.root.scheduling;

import io.canopy.core.placement.Candidate;
import io.canopy.core.placement.Capacity;
import io.canopy.core.placement.GeoPoint;
import io.canopy.core.placement.Offer;
import io.canopy.root.cluster.ClusterDocument;
import io.canopy.wire.ResourceClass;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The root's view of its clusters as placement candidates, from their latest reports. */
final class ClusterCandidates {
  private ClusterCandidates() {}

  /**
   * @param instancesOfService how many instances of the service being placed each cluster holds, by
   *     cluster id, for the spread scorer
   */
  static List<Candidate> of(
      List<ClusterDocument> clusters,
      Instant now,
      Duration heartbeatTimeout,
      String serviceKey,
      Map<String, Integer> instancesOfService) {
    return clusters.stream()
        .map(
            c ->
                new Candidate(
                    c.id(),
                    c.name(),
                    c.activeAt(now, heartbeatTimeout),
                    c.resources().classes().stream().map(ClusterCandidates::offer).toList(),
                    Set.of(),
                    GeoPoint.parse(c.location()).orElse(null),
                    Map.of("location", c.location() == null ? "" : c.location()),
                    Map.of(serviceKey, instancesOfService.getOrDefault(c.id(), 0))))
        .toList();
  }

  /** A class's free capacity is what its roomiest worker has free: an instance fits one worker. */
  static Offer offer(ResourceClass r) {
    return new Offer(
        r.arch(),
        r.virtualization(),
        new Capacity(r.maxFreeVcpus(), r.maxFreeMemoryMb(), r.maxFreeGpus()),
        new Capacity(r.totalVcpus(), r.totalMemoryMb(), r.totalGpus()));
  }
}
