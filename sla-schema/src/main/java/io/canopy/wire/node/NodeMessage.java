package io.canopy.wire.node;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.InstanceUsage;
import java.time.Instant;
import java.util.List;

/**
 * Messages a worker publishes, each on its own topic below {@code nodes/{nodeId}/} (see {@link
 * NodeTopics}); QoS 1.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = NodeMessage.Report.class, name = "report"),
  @JsonSubTypes.Type(value = NodeMessage.InstanceChanged.class, name = "instance-changed"),
  @JsonSubTypes.Type(value = NodeMessage.InstanceList.class, name = "instance-list"),
  @JsonSubTypes.Type(value = NodeMessage.Liveness.class, name = "liveness"),
  @JsonSubTypes.Type(value = NodeMessage.Ack.class, name = "ack"),
  @JsonSubTypes.Type(value = NodeMessage.LogsResult.class, name = "logs-result"),
})
public sealed interface NodeMessage {

  /** Periodic resource report; also the worker's heartbeat. */
  record Report(String nodeId, Fingerprint fingerprint, Instant at) implements NodeMessage {}

  /** One instance changed observed state; published at once. */
  record InstanceChanged(InstanceStatus status) implements NodeMessage {}

  /**
   * Every instance the worker runs, sent periodically so the cluster can reconcile; {@code usage}
   * has the resource use of the running ones (none from an older worker).
   */
  record InstanceList(
      String nodeId, List<InstanceStatus> instances, Instant at, List<InstanceUsage> usage)
      implements NodeMessage {
    public InstanceList {
      instances = instances == null ? List.of() : List.copyOf(instances);
      usage = usage == null ? List.of() : List.copyOf(usage);
    }

    /** A list without usage figures. */
    public InstanceList(String nodeId, List<InstanceStatus> instances, Instant at) {
      this(nodeId, instances, at, List.of());
    }
  }

  /**
   * {@code online=true} retained when the worker connects; the broker publishes the last will
   * ({@code online=false}) when the worker's connection is lost. A node engine that stops on
   * purpose (a restart, an upgrade) publishes {@code online=false, stopping=true} before it
   * disconnects: its instances keep running without it, so the cluster waits longer for it than for
   * a worker that went silent.
   *
   * @param stopping the engine stopped on purpose and its instances keep running; absent (false) in
   *     the last will
   */
  record Liveness(
      String nodeId, boolean online, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean stopping)
      implements NodeMessage {

    public Liveness(String nodeId, boolean online) {
      this(nodeId, online, false);
    }
  }

  /** The command with this id was applied (or had been before). */
  record Ack(String commandId) implements NodeMessage {}

  /** Answer to {@link NodeCommand.FetchLogs}. */
  record LogsResult(String requestId, String instanceId, List<String> lines, String error)
      implements NodeMessage {}
}
