package io.canopy.root.channel;

import io.canopy.root.cluster.ClusterDocument;
import io.canopy.root.cluster.ClusterStore;
import io.canopy.root.cluster.Secrets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Admits a channel only with {@code Authorization: Bearer <cluster credential>} of a registered
 * cluster; anything else is answered 401 before the WebSocket opens.
 */
@Component
class CredentialHandshake implements HandshakeInterceptor {
  static final String CLUSTER_ID = "canopy.clusterId";
  private static final Logger log = LoggerFactory.getLogger(CredentialHandshake.class);

  private final ClusterStore clusters;

  CredentialHandshake(ClusterStore clusters) {
    this.clusters = clusters;
  }

  @Override
  public boolean beforeHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Map<String, Object> attributes) {
    String header = request.getHeaders().getFirst("Authorization");
    Optional<ClusterDocument> cluster = Optional.empty();
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String credential = header.substring(7).strip();
      if (!credential.isEmpty()) {
        cluster = clusters.byCredentialHash(Secrets.hash(credential));
      }
    }
    if (cluster.isEmpty()) {
      log.warn(
          "Refused a cluster channel from {}: no valid credential", request.getRemoteAddress());
      response.setStatusCode(HttpStatus.UNAUTHORIZED);
      response.getHeaders().set("WWW-Authenticate", "Bearer");
      return false;
    }
    attributes.put(CLUSTER_ID, cluster.get().id());
    return true;
  }

  @Override
  public void afterHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Exception exception) {}
}
