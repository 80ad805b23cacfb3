package io.canopy.wire;

import java.time.Instant;
import java.util.List;

/**
 * The observed state of one instance: sent worker → cluster (nodeId set, cluster fields null) and
 * cluster → root (cluster fields filled in). Every field but instanceId, state and at may be null.
 *
 * @param instanceId the root's instance id
 * @param state the observed state
 * @param clusterId the cluster that holds it
 * @param nodeId the worker that runs it
 * @param nodeName the worker's human name
 * @param instanceIp the instance's overlay address (10.18.0.0–10.29.255.255)
 * @param publicIp the worker's address at which published host ports answer
 * @param runtimeId the container id or libvirt domain name on the worker
 * @param exitCode the exit code when the workload ended
 * @param reason plain-English detail: the runtime's error, a scheduling failure's name…
 * @param schedulingFailure set when state is UNSCHEDULABLE
 * @param rejections per-candidate reasons when a placement failed
 * @param at when this was observed
 */
public record InstanceStatus(
    String instanceId,
    InstanceState state,
    String clusterId,
    String nodeId,
    String nodeName,
    String instanceIp,
    String publicIp,
    String runtimeId,
    Integer exitCode,
    String reason,
    SchedulingFailure schedulingFailure,
    List<Rejection> rejections,
    Instant at) {

  public InstanceStatus {
    rejections = rejections == null ? List.of() : List.copyOf(rejections);
  }

  /** A status as a worker reports it. */
  public static InstanceStatus onWorker(
      String instanceId,
      InstanceState state,
      String nodeId,
      String runtimeId,
      Integer exitCode,
      String reason) {
    return new InstanceStatus(
        instanceId,
        state,
        null,
        nodeId,
        null,
        null,
        null,
        runtimeId,
        exitCode,
        reason,
        null,
        List.of(),
        Instant.now());
  }

  /** A negative placement result. */
  public static InstanceStatus unschedulable(
      String instanceId, String clusterId, SchedulingFailure failure, List<Rejection> rejections) {
    return new InstanceStatus(
        instanceId,
        InstanceState.UNSCHEDULABLE,
        clusterId,
        null,
        null,
        null,
        null,
        null,
        null,
        failure.name(),
        failure,
        rejections,
        Instant.now());
  }

  public InstanceStatus inCluster(String cluster) {
    return new InstanceStatus(
        instanceId,
        state,
        cluster,
        nodeId,
        nodeName,
        instanceIp,
        publicIp,
        runtimeId,
        exitCode,
        reason,
        schedulingFailure,
        rejections,
        at);
  }
}
