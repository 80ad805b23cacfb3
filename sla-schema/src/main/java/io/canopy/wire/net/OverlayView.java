package io.canopy.wire.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What workers expose to the overlay, without a subnet of its own: the part of a {@link
 * NetworkTable} that crosses clusters. A cluster reports its own to the root ({@code
 * ClusterMessage.Resources#overlay}); the root relays the union of the other clusters' to each
 * cluster ({@code RootCommand.RemoteOverlay}), which merges it into every worker's table.
 *
 * @param services service IP (10.30.0.0/16) → RUNNING instances behind it, with the underlay
 *     address of the worker hosting each
 * @param peers worker key → underlay address and subnet of each worker with a subnet (the root keys
 *     relayed workers {@code <nodeId>@<clusterName>})
 */
public record OverlayView(Map<String, List<ServiceInstance>> services, Map<String, Peer> peers) {

  public static final OverlayView EMPTY = new OverlayView(Map.of(), Map.of());

  public OverlayView {
    services =
        services == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(services));
    peers = peers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(peers));
  }

  /** How many instances it lists over all services (an empty or missing list counts 0). */
  public int instanceCount() {
    return services.values().stream().mapToInt(l -> l == null ? 0 : l.size()).sum();
  }
}
