package io.canopy.cluster;

import io.canopy.cluster.failure.Restarts;
import io.canopy.cluster.failure.WorkerWatch;
import io.canopy.cluster.instance.InstanceRecord;
import io.canopy.cluster.instance.InstanceService;
import io.canopy.cluster.instance.UsageRelay;
import io.canopy.cluster.instance.WorkerReconciler;
import io.canopy.cluster.logs.LogsRelay;
import io.canopy.cluster.mqtt.WorkerChannel;
import io.canopy.cluster.net.NetTables;
import io.canopy.cluster.node.WorkerStore;
import io.canopy.wire.InstanceState;
import io.canopy.wire.node.NodeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Routes what workers publish to the feature that handles it, on the cluster loop. Messages from
 * ids the cluster never registered are dropped: the broker's ACLs tie each topic to its worker's
 * credentials, so the topic's id is the sender.
 */
@Component
class WorkerMessages {
  private static final Logger log = LoggerFactory.getLogger(WorkerMessages.class);

  private final ClusterLoop loop;
  private final WorkerStore workers;
  private final WorkerWatch watch;
  private final InstanceService instances;
  private final WorkerReconciler reconciler;
  private final Restarts restarts;
  private final LogsRelay logs;
  private final NetTables netTables;
  private final UsageRelay usage;

  WorkerMessages(
      WorkerChannel channel,
      ClusterLoop loop,
      WorkerStore workers,
      WorkerWatch watch,
      InstanceService instances,
      WorkerReconciler reconciler,
      Restarts restarts,
      LogsRelay logs,
      NetTables netTables,
      UsageRelay usage) {
    this.loop = loop;
    this.workers = workers;
    this.watch = watch;
    this.instances = instances;
    this.reconciler = reconciler;
    this.restarts = restarts;
    this.logs = logs;
    this.netTables = netTables;
    this.usage = usage;
    channel.listen((nodeId, message) -> loop.run("worker message", () -> handle(nodeId, message)));
  }

  private void handle(String nodeId, NodeMessage message) {
    if (workers.find(nodeId).isEmpty()) {
      log.debug(
          "ignoring {} from unregistered worker {}", message.getClass().getSimpleName(), nodeId);
      return;
    }
    switch (message) {
      case NodeMessage.Report r -> watch.report(nodeId, r.fingerprint());
      case NodeMessage.Liveness l -> watch.liveness(nodeId, l.online(), l.stopping());
      case NodeMessage.InstanceChanged c ->
          instances.observe(nodeId, c.status()).ifPresent(this::afterChange);
      case NodeMessage.InstanceList l -> {
        reconciler.reconcile(nodeId, l.instances()).forEach(this::afterChange);
        usage.received(nodeId, l.usage());
      }
      case NodeMessage.Ack a -> log.debug("worker {} applied command {}", nodeId, a.commandId());
      case NodeMessage.LogsResult r -> logs.result(r);
    }
    if (message instanceof NodeMessage.InstanceChanged
        || message instanceof NodeMessage.InstanceList
        || message instanceof NodeMessage.Liveness) {
      // an instance's address or state, or a peer, may have changed: tell the net managers now
      netTables.changed();
    }
  }

  private void afterChange(InstanceRecord r) {
    if (r.state() == InstanceState.DEAD) {
      restarts.died(r);
    }
  }
}
