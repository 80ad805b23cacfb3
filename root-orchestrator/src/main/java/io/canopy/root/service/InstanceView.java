package io.canopy.root.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.root.instance.InstanceDocument;
import io.canopy.root.instance.UsageSample;
import io.canopy.wire.InstanceState;
import io.canopy.wire.Rejection;
import java.util.List;

/**
 * One instance in Oakestra's {@code instance_list} shape ({@code instance_number, status,
 * cluster_id, cluster_location, publicip}) plus Canopy's detail: the lifecycle state, worker,
 * addresses and, for a negative scheduling result, the reason and the per-candidate rejections.
 * {@code status} is the state, or the scheduling failure's name when unschedulable, as Oakestra
 * shows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InstanceView(
    @JsonProperty("instance_number") int instanceNumber,
    @JsonProperty("instance_id") String instanceId,
    @JsonProperty("status") String status,
    @JsonProperty("state") InstanceState state,
    @JsonProperty("desired") String desired,
    @JsonProperty("cluster_id") String clusterId,
    @JsonProperty("cluster_name") String clusterName,
    @JsonProperty("cluster_location") String clusterLocation,
    @JsonProperty("worker_id") String workerId,
    @JsonProperty("worker_name") String workerName,
    @JsonProperty("publicip") String publicIp,
    @JsonProperty("instance_ip") String instanceIp,
    @JsonProperty("runtime_id") String runtimeId,
    @JsonProperty("exit_code") Integer exitCode,
    @JsonProperty("reason") String reason,
    @JsonProperty("scheduling_failure") String schedulingFailure,
    @JsonProperty("rejections") List<RejectionView> rejections,
    @JsonProperty("revision") int revision,
    @JsonProperty("updated_at") String updatedAt,
    @JsonProperty("logs") List<String> logs,
    @JsonProperty("cpu_history") List<SampleView> cpuHistory,
    @JsonProperty("memory_history") List<SampleView> memoryHistory) {

  /** One history point as Oakestra shows it; the timestamp is ISO-8601 UTC. */
  record SampleView(
      @JsonProperty("timestamp") String timestamp, @JsonProperty("value") double value) {
    static List<SampleView> of(List<UsageSample> samples) {
      return samples.stream()
          .map(s -> new SampleView(s.timestamp().toString(), s.value()))
          .toList();
    }
  }

  record RejectionView(
      @JsonProperty("candidate_id") String candidateId,
      @JsonProperty("candidate_name") String candidateName,
      @JsonProperty("reason") String reason) {
    static RejectionView of(Rejection r) {
      return new RejectionView(r.candidateId(), r.candidateName(), r.reason());
    }
  }

  /**
   * @param detail adds Oakestra's {@code logs} (empty here: logs come from the logs endpoint),
   *     {@code cpu_history} (CPU %, 100 = one core) and {@code memory_history} (MB), oldest first
   */
  static InstanceView of(InstanceDocument i, boolean detail) {
    String status =
        i.state() == InstanceState.UNSCHEDULABLE && i.schedulingFailure() != null
            ? i.schedulingFailure().name()
            : i.state().name();
    return new InstanceView(
        i.instanceNumber(),
        i.id(),
        status,
        i.state(),
        i.desired().name(),
        i.clusterId(),
        i.clusterName(),
        i.clusterLocation(),
        i.nodeId(),
        i.nodeName(),
        i.publicIp(),
        i.instanceIp(),
        i.runtimeId(),
        i.exitCode(),
        i.reason(),
        i.schedulingFailure() == null ? null : i.schedulingFailure().name(),
        i.rejections().stream().map(RejectionView::of).toList(),
        i.revision(),
        i.updatedAt() == null ? null : i.updatedAt().toString(),
        detail ? List.of() : null,
        detail ? SampleView.of(i.cpuHistory()) : null,
        detail ? SampleView.of(i.memoryHistory()) : null);
  }
}
