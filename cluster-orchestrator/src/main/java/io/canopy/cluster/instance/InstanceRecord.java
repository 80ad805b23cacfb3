package io.canopy.cluster.instance;

import io.canopy.core.lifecycle.DesiredState;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.Rejection;
import io.canopy.wire.SchedulingFailure;
import io.canopy.wire.WireJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One instance as the cluster keeps it. The spec is stored as its wire JSON so that whatever the
 * root sent reaches the worker unchanged.
 *
 * @param nodeId the worker it is placed on; null while unplaced
 * @param stateSince when it entered {@code state} (the stuck rule measures from here)
 * @param failures when it was reported DEAD, for the restart policy
 * @param avoidNodes workers it kept failing on; placed elsewhere when possible
 * @param restartAt when a backoff restart is due; null when none is pending
 * @param observedAt the worker's time of the status last applied; older reports are stale
 */
@Document("instances")
public record InstanceRecord(
    @Id String instanceId,
    String specJson,
    String serviceKey,
    String nodeId,
    DesiredState desired,
    InstanceState state,
    Instant stateSince,
    String runtimeId,
    String instanceIp,
    Integer exitCode,
    String reason,
    SchedulingFailure schedulingFailure,
    List<Rejection> rejections,
    List<Instant> failures,
    List<String> avoidNodes,
    Instant restartAt,
    Instant observedAt) {

  public InstanceRecord {
    rejections = rejections == null ? List.of() : List.copyOf(rejections);
    failures = failures == null ? List.of() : List.copyOf(failures);
    avoidNodes = avoidNodes == null ? List.of() : List.copyOf(avoidNodes);
  }

  static InstanceRecord arrived(InstanceSpec spec, Instant now) {
    String key = spec.serviceId() != null ? spec.serviceId() : spec.serviceFullName();
    return new InstanceRecord(
        spec.instanceId(),
        WireJson.mapper().writeValueAsString(spec.onNode(null)),
        key,
        null,
        DesiredState.RUN,
        InstanceState.CLUSTER_SCHEDULED,
        now,
        null,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        List.of(),
        null,
        null);
  }

  public InstanceSpec spec() {
    return WireJson.mapper().readValue(specJson, InstanceSpec.class).onNode(nodeId);
  }

  /** Whether it holds resources and host ports on {@code nodeId}. */
  public boolean reserves() {
    return nodeId != null && desired == DesiredState.RUN && state.occupiesWorker();
  }

  /** Whether the cluster still works on it: wanted, not finished, not given up. */
  public boolean live() {
    return desired == DesiredState.RUN
        && state != InstanceState.UNDEPLOYED
        && state != InstanceState.COMPLETED
        && state != InstanceState.FAILED;
  }

  InstanceRecord inState(InstanceState next, Instant now) {
    return new InstanceRecord(
        instanceId,
        specJson,
        serviceKey,
        nodeId,
        desired,
        next,
        next == state ? stateSince : now,
        runtimeId,
        instanceIp,
        exitCode,
        reason,
        schedulingFailure,
        rejections,
        failures,
        avoidNodes,
        restartAt,
        observedAt);
  }

  /**
   * Placed on {@code node}; moving to another worker forgets the old one's container id and overlay
   * address (from that worker's subnet): only what the new worker reports counts there.
   */
  InstanceRecord onNode(String node) {
    boolean same = java.util.Objects.equals(node, nodeId);
    return new InstanceRecord(
        instanceId,
        specJson,
        serviceKey,
        node,
        desired,
        state,
        stateSince,
        same ? runtimeId : null,
        same ? instanceIp : null,
        exitCode,
        reason,
        schedulingFailure,
        rejections,
        failures,
        avoidNodes,
        restartAt,
        same ? observedAt : null);
  }

  InstanceRecord observed(String runtime, String ip, Integer exit, String why) {
    return new InstanceRecord(
        instanceId,
        specJson,
        serviceKey,
        nodeId,
        desired,
        state,
        stateSince,
        runtime != null ? runtime : runtimeId,
        ip != null ? ip : instanceIp,
        exit,
        why,
        null,
        List.of(),
        failures,
        avoidNodes,
        restartAt,
        observedAt);
  }

  InstanceRecord unschedulable(SchedulingFailure failure, List<Rejection> why) {
    return new InstanceRecord(
        instanceId,
        specJson,
        serviceKey,
        null,
        desired,
        state,
        stateSince,
        null,
        null,
        null,
        failure.name(),
        failure,
        why,
        failures,
        avoidNodes,
        null,
        observedAt);
  }

  InstanceRecord stopping() {
    return new InstanceRecord(
        instanceId,
        specJson,
        serviceKey,
        nodeId,
        DesiredState.STOP,
        state,
        stateSince,
        runtimeId,
        instanceIp,
        exitCode,
        reason,
        schedulingFailure,
        rejections,
        failures,
        avoidNodes,
        null,
        observedAt);
  }

  InstanceRecord failedAt(Instant at) {
    List<Instant> more = new ArrayList<>(failures);
    more.add(at);
    // Only the restart policy's window matters; a long history would only grow the document.
    List<Instant> kept = more.subList(Math.max(0, more.size() - 20), more.size());
    return new InstanceRecord(
        instanceId,
        specJson,
        serviceKey,
        nodeId,
        desired,
        state,
        stateSince,
        runtimeId,
        instanceIp,
        exitCode,
        reason,
        schedulingFailure,
        rejections,
        kept,
        avoidNodes,
        restartAt,
        observedAt);
  }

  InstanceRecord avoiding(String node) {
    List<String> more = new ArrayList<>(avoidNodes);
    if (node != null && !more.contains(node)) {
      more.add(node);
    }
    return new InstanceRecord(
        instanceId,
        specJson,
        serviceKey,
        nodeId,
        desired,
        state,
        stateSince,
        runtimeId,
        instanceIp,
        exitCode,
        reason,
        schedulingFailure,
        rejections,
        List.of(),
        more,
        null,
        observedAt);
  }

  InstanceRecord restartDue(Instant at) {
    return new InstanceRecord(
        instanceId,
        specJson,
        serviceKey,
        nodeId,
        desired,
        state,
        stateSince,
        runtimeId,
        instanceIp,
        exitCode,
        reason,
        schedulingFailure,
        rejections,
        failures,
        avoidNodes,
        at,
        observedAt);
  }

  InstanceRecord withReason(String why) {
    return new InstanceRecord(
        instanceId,
        specJson,
        serviceKey,
        nodeId,
        desired,
        state,
        stateSince,
        runtimeId,
        instanceIp,
        exitCode,
        why,
        schedulingFailure,
        rejections,
        failures,
        avoidNodes,
        restartAt,
        observedAt);
  }

  InstanceRecord withObservedAt(Instant at) {
    return at == null
        ? this
        : new InstanceRecord(
            instanceId,
            specJson,
            serviceKey,
            nodeId,
            desired,
            state,
            stateSince,
            runtimeId,
            instanceIp,
            exitCode,
            reason,
            schedulingFailure,
            rejections,
            failures,
            avoidNodes,
            restartAt,
            at);
  }

  /** Whether a worker's status was observed before the one this record last applied. */
  boolean older(InstanceStatus status) {
    return status.at() != null && observedAt != null && status.at().isBefore(observedAt);
  }
}
