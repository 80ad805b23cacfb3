package io.canopy.cluster.logs;

import io.canopy.cluster.ClusterLoop;
import io.canopy.cluster.ClusterProperties;
import io.canopy.cluster.instance.InstanceRecord;
import io.canopy.cluster.instance.InstanceStore;
import io.canopy.cluster.mqtt.WorkerChannel;
import io.canopy.cluster.root.RootLink;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.RootCommand;
import io.canopy.wire.node.NodeCommand;
import io.canopy.wire.node.NodeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Log requests from the root go to the worker that runs the instance; its answer (or a timeout)
 * goes back under the root's request id.
 */
@Component
public class LogsRelay {
  private final InstanceStore instances;
  private final WorkerChannel workers;
  private final RootLink root;
  private final ClusterLoop loop;
  private final Duration timeout;
  private final Map<String, String> pending = new ConcurrentHashMap<>();

  LogsRelay(
      InstanceStore instances,
      WorkerChannel workers,
      RootLink root,
      ClusterLoop loop,
      ClusterProperties properties) {
    this.instances = instances;
    this.workers = workers;
    this.root = root;
    this.loop = loop;
    this.timeout = properties.timing().logsTimeout();
  }

  public void fetch(RootCommand.FetchLogs request) {
    Optional<String> node = instances.find(request.instanceId()).map(InstanceRecord::nodeId);
    if (node.isEmpty()) {
      answer(
          request.requestId(),
          request.instanceId(),
          "the instance runs on no worker of this cluster");
      return;
    }
    int lines = request.lines() > 0 ? request.lines() : 100;
    pending.put(request.requestId(), request.instanceId());
    workers.send(
        node.get(), new NodeCommand.FetchLogs(request.requestId(), request.instanceId(), lines));
    loop.after(
        timeout,
        "logs timeout",
        () -> {
          if (pending.remove(request.requestId()) != null) {
            answer(
                request.requestId(),
                request.instanceId(),
                "worker " + node.get() + " did not answer within " + timeout.toSeconds() + " s");
          }
        });
  }

  public void result(NodeMessage.LogsResult result) {
    if (pending.remove(result.requestId()) != null) {
      root.send(
          new ClusterMessage.LogsResult(
              result.requestId(), result.instanceId(), result.lines(), result.error()));
    }
  }

  private void answer(String requestId, String instanceId, String error) {
    root.send(new ClusterMessage.LogsResult(requestId, instanceId, List.of(), error));
  }
}
