package io.canopy.cluster.root;

import io.canopy.cluster.ClusterLoop;
import io.canopy.cluster.ClusterProperties;
import io.canopy.cluster.instance.UsageRelay;
import io.canopy.cluster.scheduling.WorkerViews;
import io.canopy.core.capacity.ClusterCapacity;
import io.canopy.wire.InstanceUsage;
import io.canopy.wire.cluster.ClusterMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Every 2 s the cluster's capacity (per arch and virtualization, and every worker) goes to the
 * root; it is also the cluster's heartbeat there. It carries the instance usage samples that
 * arrived since the previous report; those are dropped while the root is away (the root keeps only
 * a recent history).
 */
@Component
class ResourceReporter implements SmartLifecycle {
  private final ClusterLoop loop;
  private final RootLink root;
  private final WorkerViews views;
  private final ClusterProperties properties;
  private final UsageRelay usage;
  private final AtomicBoolean running = new AtomicBoolean();

  ResourceReporter(
      ClusterLoop loop,
      RootLink root,
      WorkerViews views,
      ClusterProperties properties,
      UsageRelay usage) {
    this.loop = loop;
    this.root = root;
    this.views = views;
    this.properties = properties;
    this.usage = usage;
  }

  @Override
  public void start() {
    if (running.compareAndSet(false, true)) {
      loop.every(properties.timing().resourcesInterval(), "resources report", this::report);
    }
  }

  void report() {
    List<InstanceUsage> samples = usage.drain();
    if (root.connected()) {
      root.send(
          new ClusterMessage.Resources(ClusterCapacity.aggregate(views.current(null)), samples));
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
