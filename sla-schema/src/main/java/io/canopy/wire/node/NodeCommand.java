package io.canopy.wire.node;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.canopy.wire.InstanceSpec;
import java.util.List;

/**
 * Messages a cluster publishes to one worker on {@code nodes/{nodeId}/commands}, QoS 1. Commands
 * carry ids, are idempotent and are acknowledged with {@link NodeMessage.Ack}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = NodeCommand.Start.class, name = "start"),
  @JsonSubTypes.Type(value = NodeCommand.Stop.class, name = "stop"),
  @JsonSubTypes.Type(value = NodeCommand.Desired.class, name = "desired"),
  @JsonSubTypes.Type(value = NodeCommand.FetchLogs.class, name = "fetch-logs"),
})
public sealed interface NodeCommand {

  /** Create and start this instance. Starting one that already runs changes nothing. */
  record Start(String commandId, InstanceSpec instance) implements NodeCommand {}

  /** Stop (with a grace period) and remove this instance. */
  record Stop(String commandId, String instanceId) implements NodeCommand {}

  /**
   * Everything this worker should run. The worker removes what it runs that is not listed and
   * (re)creates what is listed and missing. Sent after the worker (re)connects and whenever the
   * worker's instance list disagrees with the cluster.
   *
   * @param finished ids of instances that ended (COMPLETED, FAILED) and are not undeployed: the
   *     worker keeps their remains (exit code, logs) but never starts them again; absent in older
   *     clusters' messages, which means none
   */
  record Desired(String commandId, List<InstanceSpec> instances, List<String> finished)
      implements NodeCommand {
    public Desired {
      instances = instances == null ? List.of() : List.copyOf(instances);
      finished = finished == null ? List.of() : List.copyOf(finished);
    }

    public Desired(String commandId, List<InstanceSpec> instances) {
      this(commandId, instances, List.of());
    }
  }

  /** The last {@code lines} log lines of an instance; answered by LogsResult. */
  record FetchLogs(String requestId, String instanceId, int lines) implements NodeCommand {}
}
