package io.canopy.root.instance;

import io.canopy.core.lifecycle.DesiredState;
import io.canopy.root.store.VersionedDocument;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.Rejection;
import io.canopy.wire.SchedulingFailure;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One instance of a service: what the root wants of it ({@code desired}), where it was placed, and
 * the last state its cluster observed. {@code deployCommandId} names the placement that put it on
 * its cluster, so of two racing schedulers only the winner sends a deploy. {@code cpuHistory} and
 * {@code memoryHistory} are the latest usage samples its cluster passed on, oldest first; only
 * {@link InstanceStore#recordUsage} writes them (an atomic push), state changes carry them along
 * unchanged, so the two never conflict.
 */
@Document("instances")
public record InstanceDocument(
    @Id String id,
    String serviceId,
    String applicationId,
    String userId,
    int instanceNumber,
    int revision,
    DesiredState desired,
    InstanceState state,
    String clusterId,
    String clusterName,
    String clusterLocation,
    String deployCommandId,
    String nodeId,
    String nodeName,
    String instanceIp,
    String publicIp,
    String runtimeId,
    Integer exitCode,
    String reason,
    SchedulingFailure schedulingFailure,
    List<Rejection> rejections,
    Instant createdAt,
    Instant updatedAt,
    long version,
    List<UsageSample> cpuHistory,
    List<UsageSample> memoryHistory)
    implements VersionedDocument {

  public InstanceDocument {
    rejections = rejections == null ? List.of() : List.copyOf(rejections);
    cpuHistory = cpuHistory == null ? List.of() : List.copyOf(cpuHistory);
    memoryHistory = memoryHistory == null ? List.of() : List.copyOf(memoryHistory);
  }

  public static InstanceDocument requested(
      String id, String serviceId, String applicationId, String userId, int number, int revision) {
    Instant now = Instant.now();
    return new InstanceDocument(
        id,
        serviceId,
        applicationId,
        userId,
        number,
        revision,
        DesiredState.RUN,
        InstanceState.REQUESTED,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        now,
        now,
        0,
        List.of(),
        List.of());
  }

  /** Placed on a cluster by the root scheduler. */
  public InstanceDocument placed(
      String cluster, String name, String location, String commandId, List<Rejection> others) {
    return new InstanceDocument(
        id,
        serviceId,
        applicationId,
        userId,
        instanceNumber,
        revision,
        desired,
        InstanceState.CLUSTER_SCHEDULED,
        cluster,
        name,
        location,
        commandId,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        others,
        createdAt,
        Instant.now(),
        version,
        cpuHistory,
        memoryHistory);
  }

  /** No cluster fits (the root's placement) or the cluster found no worker (its report). */
  public InstanceDocument unschedulable(
      SchedulingFailure failure, String why, List<Rejection> candidates) {
    return new InstanceDocument(
        id,
        serviceId,
        applicationId,
        userId,
        instanceNumber,
        revision,
        desired,
        InstanceState.UNSCHEDULABLE,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        why,
        failure,
        candidates,
        createdAt,
        Instant.now(),
        version,
        cpuHistory,
        memoryHistory);
  }

  /** Back to the root scheduler: its cluster gave it back or went away. */
  public InstanceDocument requestedAgain(String why) {
    return new InstanceDocument(
        id,
        serviceId,
        applicationId,
        userId,
        instanceNumber,
        revision,
        desired,
        InstanceState.REQUESTED,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        why,
        null,
        List.of(),
        createdAt,
        Instant.now(),
        version,
        cpuHistory,
        memoryHistory);
  }

  /** The cluster's observation, applied after the lifecycle allowed the move. */
  public InstanceDocument observed(InstanceStatus s) {
    InstanceDocument next = observedAt(s, updatedAt);
    // A repeated report changes nothing and writes nothing.
    return next.equals(this) ? this : observedAt(s, Instant.now());
  }

  private InstanceDocument observedAt(InstanceStatus s, Instant at) {
    // Taken off its worker to be placed again: what was known of the old worker no longer holds.
    boolean moved = s.state() == InstanceState.CLUSTER_SCHEDULED;
    return new InstanceDocument(
        id,
        serviceId,
        applicationId,
        userId,
        instanceNumber,
        revision,
        desired,
        s.state(),
        clusterId,
        clusterName,
        clusterLocation,
        deployCommandId,
        moved ? s.nodeId() : or(s.nodeId(), nodeId),
        moved ? s.nodeName() : or(s.nodeName(), nodeName),
        moved ? s.instanceIp() : or(s.instanceIp(), instanceIp),
        moved ? s.publicIp() : or(s.publicIp(), publicIp),
        moved ? s.runtimeId() : or(s.runtimeId(), runtimeId),
        moved ? s.exitCode() : s.exitCode() != null ? s.exitCode() : exitCode,
        s.reason(),
        s.schedulingFailure(),
        s.rejections(),
        createdAt,
        at,
        version,
        cpuHistory,
        memoryHistory);
  }

  public InstanceDocument stopped() {
    return new InstanceDocument(
        id,
        serviceId,
        applicationId,
        userId,
        instanceNumber,
        revision,
        DesiredState.STOP,
        InstanceState.UNDEPLOYED,
        clusterId,
        clusterName,
        clusterLocation,
        deployCommandId,
        nodeId,
        nodeName,
        instanceIp,
        publicIp,
        runtimeId,
        exitCode,
        reason,
        schedulingFailure,
        rejections,
        createdAt,
        Instant.now(),
        version,
        cpuHistory,
        memoryHistory);
  }

  /** Whether the instance is meant to run on its cluster (it belongs in the desired state). */
  public boolean heldByCluster() {
    return desired == DesiredState.RUN
        && clusterId != null
        && switch (state) {
          case CLUSTER_SCHEDULED, NODE_SCHEDULED, CREATING, RUNNING, DEAD -> true;
          default -> false;
        };
  }

  /**
   * Whether the instance ended on its cluster and is still kept there (its exit code and logs stay
   * readable until it is undeployed).
   */
  public boolean finishedOnCluster() {
    return desired == DesiredState.RUN
        && clusterId != null
        && (state == InstanceState.COMPLETED || state == InstanceState.FAILED);
  }

  private static <T> T or(T a, T b) {
    return a != null ? a : b;
  }
}
