package io.canopy.e2e;

import java.util.Map;

/** The cluster orchestrator's operator API. */
final class ClusterApi {
  private ClusterApi() {}

  /** A worker join token, made with the cluster's admin token. */
  static String createJoinToken(String clusterUrl, String adminToken) {
    return Http.call("POST", clusterUrl + "/api/node/tokens", adminToken, Map.of())
        .expect(201)
        .body()
        .get("token")
        .asString();
  }
}
