package io.canopy.cluster.net;

import io.canopy.core.address.Cidr;
import io.canopy.core.overlay.OverlayFilter;
import io.canopy.wire.net.OverlayView;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other clusters' overlay as the root last relayed it. It stays while the root is away (the
 * tunnels between workers do not need the root), and is checked against this cluster's own subnets
 * each time tables are built, since those change: a relayed entry that is malformed or collides
 * with this cluster is left out (and logged once), never passed on to a worker. Used on the cluster
 * loop only.
 */
final class RelayedOverlay {
  private static final Logger log = LoggerFactory.getLogger(RelayedOverlay.class);

  private OverlayView latest = OverlayView.EMPTY;
  private List<String> logged = List.of();

  void replace(OverlayView overlay) {
    OverlayView next = overlay == null ? OverlayView.EMPTY : overlay;
    if (!next.equals(latest)) {
      log.info(
          "the root relays {} instances and {} workers of other clusters",
          next.instanceCount(),
          next.peers().size());
    }
    latest = next;
  }

  /** What of the relay may go into this cluster's tables, whose workers hold {@code own}. */
  OverlayView usable(Collection<Cidr> own) {
    OverlayFilter.Result result = OverlayFilter.filter(latest, own);
    if (!result.problems().equals(logged)) {
      result.problems().forEach(p -> log.warn("relayed overlay: left out: {}", p));
      logged = result.problems();
    }
    return result.kept();
  }
}
