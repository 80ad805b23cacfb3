package io.canopy.wire.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.net.OverlayView;
import java.util.List;

/**
 * Messages the root sends to a cluster over the cluster's WebSocket. Commands that change state
 * carry a {@code commandId}; the cluster applies each at most once and acknowledges it with {@link
 * ClusterMessage.Ack}; the root re-sends until acknowledged.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = RootCommand.Deploy.class, name = "deploy"),
  @JsonSubTypes.Type(value = RootCommand.Undeploy.class, name = "undeploy"),
  @JsonSubTypes.Type(value = RootCommand.DesiredState.class, name = "desired-state"),
  @JsonSubTypes.Type(value = RootCommand.FetchLogs.class, name = "fetch-logs"),
  @JsonSubTypes.Type(value = RootCommand.SubnetGranted.class, name = "subnet-granted"),
  @JsonSubTypes.Type(value = RootCommand.RemoteOverlay.class, name = "remote-overlay"),
})
public sealed interface RootCommand {

  /** Place and run this instance on one of the cluster's workers. */
  record Deploy(String commandId, InstanceSpec instance) implements RootCommand {}

  /** Stop and remove this instance wherever it runs in the cluster. */
  record Undeploy(String commandId, String instanceId) implements RootCommand {}

  /**
   * The full set of instances the root wants in this cluster, sent in answer to {@link
   * ClusterMessage.SyncRequest}. The cluster deploys what it lacks and removes what is not listed.
   *
   * @param finished ids of instances that ended here (COMPLETED, FAILED) and are not undeployed:
   *     the cluster keeps them as they are, never runs them again; absent in older roots' messages,
   *     which means none
   */
  record DesiredState(String commandId, List<InstanceSpec> instances, List<String> finished)
      implements RootCommand {
    public DesiredState {
      instances = instances == null ? List.of() : List.copyOf(instances);
      finished = finished == null ? List.of() : List.copyOf(finished);
    }

    public DesiredState(String commandId, List<InstanceSpec> instances) {
      this(commandId, instances, List.of());
    }
  }

  /** Ask for the last {@code lines} log lines of an instance; answered by LogsResult. */
  record FetchLogs(String requestId, String instanceId, int lines) implements RootCommand {}

  /** A worker subnet (a /26 in 10.18.0.0–10.29.255.255) for the worker named in the request. */
  record SubnetGranted(String requestId, String nodeId, String cidr) implements RootCommand {}

  /**
   * The overlay of every other active cluster, merged: the cluster adds these instances and workers
   * to its own workers' tables, replacing the previous relay. Sent when it changes and after every
   * (re)connect; not acknowledged (the latest one is all that counts).
   */
  record RemoteOverlay(OverlayView overlay) implements RootCommand {
    public RemoteOverlay {
      overlay = overlay == null ? OverlayView.EMPTY : overlay;
    }
  }
}
