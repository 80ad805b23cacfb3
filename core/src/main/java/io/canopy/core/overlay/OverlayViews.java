package io.canopy.core.overlay;

import io.canopy.wire.net.OverlayView;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Putting overlays together: a cluster's own with the relayed one, the root's union of clusters.
 */
public final class OverlayViews {
  private OverlayViews() {}

  /**
   * One overlay holding all of {@code views}: service IPs in text order, each with the instances of
   * the first view, then those of the next…; peers in view order, the first of a repeated key wins.
   * Check the parts first ({@link OverlayFilter}): nothing is checked here.
   */
  public static OverlayView concat(List<OverlayView> views) {
    Map<String, List<ServiceInstance>> services = new TreeMap<>();
    Map<String, Peer> peers = new LinkedHashMap<>();
    for (OverlayView view : views) {
      view.services()
          .forEach(
              (serviceIp, instances) ->
                  services.computeIfAbsent(serviceIp, ip -> new ArrayList<>()).addAll(instances));
      view.peers().forEach(peers::putIfAbsent);
    }
    return new OverlayView(services, peers);
  }
}
