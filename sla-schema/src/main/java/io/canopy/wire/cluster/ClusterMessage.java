package io.canopy.wire.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.InstanceUsage;
import io.canopy.wire.net.OverlayView;
import java.util.List;

/** Messages a cluster sends to the root over its WebSocket. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClusterMessage.Ack.class, name = "ack"),
  @JsonSubTypes.Type(value = ClusterMessage.Resources.class, name = "resources"),
  @JsonSubTypes.Type(value = ClusterMessage.InstanceChanged.class, name = "instance-changed"),
  @JsonSubTypes.Type(value = ClusterMessage.SyncRequest.class, name = "sync-request"),
  @JsonSubTypes.Type(value = ClusterMessage.LogsResult.class, name = "logs-result"),
  @JsonSubTypes.Type(value = ClusterMessage.SubnetRequest.class, name = "subnet-request"),
})
public sealed interface ClusterMessage {

  /** The command with this id was applied (or had been applied before). */
  record Ack(String commandId) implements ClusterMessage {}

  /**
   * Periodic capacity report; also the cluster's heartbeat. Sent at once, too, when the cluster's
   * overlay changed.
   *
   * @param usage the instance usage samples its workers sent since the previous report, the latest
   *     one per instance (none from an older cluster)
   * @param overlay what the cluster's own workers expose to the overlay (RUNNING instances per
   *     service IP, workers with a subnet), for the root to relay to the other clusters; null when
   *     unchanged since the last one sent on this connection (and from clusters older than the
   *     relay)
   */
  record Resources(ClusterResources resources, List<InstanceUsage> usage, OverlayView overlay)
      implements ClusterMessage {
    public Resources {
      usage = usage == null ? List.of() : List.copyOf(usage);
    }

    /** A report without usage samples or overlay change. */
    public Resources(ClusterResources resources) {
      this(resources, List.of(), null);
    }

    /** A report with usage samples and no overlay change. */
    public Resources(ClusterResources resources, List<InstanceUsage> usage) {
      this(resources, usage, null);
    }

    /** A report with the cluster's overlay and no usage samples. */
    public Resources(ClusterResources resources, OverlayView overlay) {
      this(resources, List.of(), overlay);
    }
  }

  /** One or more instances changed observed state. */
  record InstanceChanged(List<InstanceStatus> statuses) implements ClusterMessage {
    public InstanceChanged {
      statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }
  }

  /**
   * Sent after every (re)connect: the root answers with {@link RootCommand.DesiredState}. The
   * cluster also lists what it currently runs so the root can correct its view at once.
   */
  record SyncRequest(List<InstanceStatus> observed) implements ClusterMessage {
    public SyncRequest {
      observed = observed == null ? List.of() : List.copyOf(observed);
    }
  }

  /** Answer to FetchLogs; {@code error} is set instead of lines when they could not be had. */
  record LogsResult(String requestId, String instanceId, List<String> lines, String error)
      implements ClusterMessage {}

  /** A new worker needs an overlay subnet. */
  record SubnetRequest(String requestId, String nodeId) implements ClusterMessage {}
}
