package io.canopy.cluster.root;

import io.canopy.cluster.instance.InstanceService;
import io.canopy.cluster.logs.LogsRelay;
import io.canopy.cluster.net.NetTables;
import io.canopy.cluster.node.WorkerRecord;
import io.canopy.cluster.node.WorkerStore;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.RootCommand;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Applies what the root sends; runs on the cluster loop. */
@Component
class RootCommands {
  private static final Logger log = LoggerFactory.getLogger(RootCommands.class);

  private final RootLink root;
  private final CommandLog commands;
  private final InstanceService instances;
  private final LogsRelay logs;
  private final WorkerStore workers;
  private final NetTables netTables;
  private final ResourceReporter resources;

  RootCommands(
      RootLink root,
      CommandLog commands,
      InstanceService instances,
      LogsRelay logs,
      WorkerStore workers,
      NetTables netTables,
      ResourceReporter resources) {
    this.root = root;
    this.commands = commands;
    this.instances = instances;
    this.logs = logs;
    this.workers = workers;
    this.netTables = netTables;
    this.resources = resources;
  }

  /** First thing after every (re)connect: ask for the desired state, tell what is observed. */
  void connected() {
    root.send(new ClusterMessage.SyncRequest(instances.observedForRoot()));
    resources.connected(); // the heartbeat at once, with this cluster's overlay for the relay
    for (WorkerRecord w : workers.all()) {
      if (w.subnet() == null) {
        requestSubnet(w.nodeId());
      }
    }
  }

  void requestSubnet(String nodeId) {
    root.send(new ClusterMessage.SubnetRequest(UUID.randomUUID().toString(), nodeId));
  }

  void handle(RootCommand command) {
    switch (command) {
      case RootCommand.Deploy d ->
          once(d.commandId(), "deploy", () -> instances.deploy(d.instance()));
      case RootCommand.Undeploy u ->
          once(u.commandId(), "undeploy", () -> instances.undeploy(u.instanceId()));
      case RootCommand.DesiredState s ->
          once(
              s.commandId(),
              "desired-state",
              () -> instances.applyDesired(s.instances(), s.finished()));
      case RootCommand.FetchLogs f -> logs.fetch(f);
      case RootCommand.SubnetGranted g -> {
        workers.find(g.nodeId()).ifPresent(w -> workers.save(w.withSubnet(g.cidr())));
        netTables.changed(); // the worker's first table, and a new peer for the others
      }
      case RootCommand.RemoteOverlay r -> netTables.relayed(r.overlay());
    }
  }

  private void once(String commandId, String type, Runnable action) {
    if (commandId == null || commandId.isBlank()) {
      log.warn("the root sent a {} without a command id; applied, not acknowledged", type);
      action.run();
      return;
    }
    if (!commands.applied(commandId)) {
      action.run();
      commands.remember(commandId, type);
    }
    root.send(new ClusterMessage.Ack(commandId));
  }
}
