package io.canopy.node.instance;

import io.canopy.wire.WireJson;
import io.canopy.wire.node.NodeCommand;
import io.canopy.wire.node.NodeMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the cluster's commands and acknowledges each once applied. A command id seen before is
 * acknowledged again without being applied again: QoS 1 may deliver twice, and a re-delivered Start
 * must not re-run a one-shot instance that completed meanwhile.
 */
public final class NodeCommands {
  private static final Logger log = LoggerFactory.getLogger(NodeCommands.class);
  private static final int REMEMBERED = 1024;

  private final InstanceService instances;
  private final Outbox outbox;
  private final Set<String> applied =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED;
                }
              }));

  public NodeCommands(InstanceService instances, Outbox outbox) {
    this.instances = instances;
    this.outbox = outbox;
  }

  /** One MQTT payload from the commands topic. Never throws: a bad command is logged. */
  public void accept(byte[] payload) {
    NodeCommand command;
    try {
      command = WireJson.mapper().readValue(payload, NodeCommand.class);
    } catch (RuntimeException e) {
      log.warn("ignoring an unreadable command: {}", e.getMessage());
      return;
    }
    switch (command) {
      case NodeCommand.Start s -> {
        if (s.instance() == null
            || s.instance().instanceId() == null
            || s.instance().service() == null) {
          log.warn(
              "start command {} names no instance or service; acknowledged, not applied",
              s.commandId());
          ack(s.commandId());
        } else {
          once(s.commandId(), () -> instances.start(s.instance()));
        }
      }
      case NodeCommand.Stop s -> {
        if (s.instanceId() == null) {
          log.warn("stop command {} names no instance; acknowledged, not applied", s.commandId());
          ack(s.commandId());
        } else {
          once(s.commandId(), () -> instances.stop(s.instanceId()));
        }
      }
      case NodeCommand.Desired d -> {
        boolean complete =
            d.instances().stream()
                .allMatch(i -> i != null && i.instanceId() != null && i.service() != null);
        if (!complete) {
          log.warn(
              "desired command {} lists an instance without id or service; not applied",
              d.commandId());
          ack(d.commandId());
        } else {
          // A Desired is a snapshot: applying an old one again could undo newer starts, but the
          // cluster sends a fresh id each time, so the id rule above is enough.
          once(d.commandId(), () -> instances.desired(d.instances(), d.finished()));
        }
      }
      case NodeCommand.FetchLogs f ->
          Thread.ofVirtual()
              .name("logs-" + f.requestId())
              .start(
                  () -> {
                    InstanceService.Logs logs =
                        f.instanceId() == null
                            ? new InstanceService.Logs(List.of(), "the request names no instance")
                            : instances.logs(f.instanceId(), f.lines() > 0 ? f.lines() : 100);
                    outbox.send(
                        new NodeMessage.LogsResult(
                            f.requestId(), f.instanceId(), logs.lines(), logs.error()));
                  });
    }
  }

  private void once(String commandId, Supplier<CompletableFuture<Void>> apply) {
    if (commandId != null && applied.contains(commandId)) {
      ack(commandId);
      return;
    }
    apply
        .get()
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                log.error("command {} failed: {}", commandId, e.getMessage(), e);
                return; // not acknowledged: the cluster sends it again
              }
              if (commandId != null) {
                applied.add(commandId);
              }
              ack(commandId);
            });
  }

  private void ack(String commandId) {
    if (commandId != null) {
      outbox.send(new NodeMessage.Ack(commandId));
    }
  }
}
