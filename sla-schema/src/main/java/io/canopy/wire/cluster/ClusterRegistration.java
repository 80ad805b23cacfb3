package io.canopy.wire.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /api/clusters/register} on the root. Names are snake_case like the rest of
 * the root's Oakestra-style API.
 *
 * @param clusterName unique among the root's clusters (1–30 letters, digits or '-')
 * @param location {@code "lat,long"} in decimal degrees (Oakestra's cluster_location)
 * @param token a cluster registration token from {@code POST /api/clusters/tokens}
 */
public record ClusterRegistration(
    @JsonProperty("cluster_name") String clusterName,
    @JsonProperty("location") String location,
    @JsonProperty("token") String token) {

  /**
   * The root's answer. The cluster keeps both for good: it opens its WebSocket at {@code
   * /api/clusters/channel} with {@code Authorization: Bearer <credential>}.
   */
  public record Accepted(
      @JsonProperty("cluster_id") String clusterId,
      @JsonProperty("credential") String credential) {}
}
