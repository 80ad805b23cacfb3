package io.canopy.cluster.root;

import io.canopy.cluster.ClusterLoop;
import io.canopy.cluster.ClusterProperties;
import io.canopy.cluster.instance.UsageRelay;
import io.canopy.cluster.net.NetTables;
import io.canopy.cluster.scheduling.WorkerViews;
import io.canopy.core.capacity.ClusterCapacity;
import io.canopy.wire.InstanceUsage;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.net.OverlayView;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every 2 s the cluster's capacity (per arch and virtualization, and every worker) goes to the
 * root; it is also the cluster's heartbeat there. It carries the instance usage samples that
 * arrived since the previous report; those are dropped while the root is away (the root keeps only
 * a recent history). The same report carries the cluster's own overlay for the root to relay to the
 * other clusters, only when it changed since the last one sent on this connection (the first report
 * of a connection always has it), and a report goes out at once when it changes. Runs on the
 * cluster loop.
 */
@Component
class ResourceReporter implements SmartLifecycle {
  private final ClusterLoop loop;
  private final RootLink root;
  private final WorkerViews views;
  private final ClusterProperties properties;
  private final UsageRelay usage;
  private final NetTables netTables;
  private final AtomicBoolean running = new AtomicBoolean();
  private OverlayView overlaySent;

  ResourceReporter(
      ClusterLoop loop,
      RootLink root,
      WorkerViews views,
      ClusterProperties properties,
      UsageRelay usage,
      NetTables netTables) {
    this.loop = loop;
    this.root = root;
    this.views = views;
    this.properties = properties;
    this.usage = usage;
    this.netTables = netTables;
    netTables.whenOwnOverlayChanges(this::report);
  }

  @Override
  public void start() {
    if (running.compareAndSet(false, true)) {
      loop.every(properties.timing().resourcesInterval(), "resources report", this::report);
    }
  }

  /** A new connection: the root has none of this cluster's overlay yet; report it now. */
  void connected() {
    overlaySent = null;
    report();
  }

  void report() {
    List<InstanceUsage> samples = usage.drain();
    if (!root.connected()) {
      return;
    }
    OverlayView overlay = netTables.ownOverlay();
    OverlayView changed = overlay.equals(overlaySent) ? null : overlay;
    if (root.send(
            new ClusterMessage.Resources(
                ClusterCapacity.aggregate(views.current(null)), samples, changed))
        && changed != null) {
      overlaySent = changed;
    }
  }

  @Override
  public void stop() {
    running.set(false);
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }
}
