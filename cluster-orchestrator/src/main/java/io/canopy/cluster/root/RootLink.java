package io.canopy.cluster.root;

import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterMessage;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cluster's side of the root channel as the rest of the cluster sees it: send a message if the
 * root is connected. While it is not, messages are dropped on purpose: the sync request after the
 * reconnect carries every instance's latest state, which is all the root needs.
 */
@Component
public class RootLink {
  private static final Logger log = LoggerFactory.getLogger(RootLink.class);

  private volatile WebSocket socket;
  private volatile String clusterId;
  // The JDK WebSocket allows one outstanding send: each send waits for the one before.
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  /** Sends if connected; false when the root is away. */
  public boolean send(ClusterMessage message) {
    WebSocket s = socket;
    if (s == null) {
      return false;
    }
    String json = WireJson.mapper().writeValueAsString(message);
    synchronized (this) {
      tail =
          tail.handle((ok, error) -> null)
              .thenCompose(v -> s.sendText(json, true))
              .whenComplete(
                  (ok, error) -> {
                    if (error != null) {
                      log.debug("sending to the root failed: {}", error.toString());
                    }
                  });
    }
    return true;
  }

  public boolean connected() {
    return socket != null;
  }

  /** The id the root gave this cluster; null before the first registration. */
  public String clusterId() {
    return clusterId;
  }

  void identify(String id) {
    this.clusterId = id;
  }

  synchronized void attach(WebSocket s) {
    tail = CompletableFuture.completedFuture(null);
    socket = s;
  }

  void detach(WebSocket s) {
    if (socket == s) {
      socket = null;
    }
  }
}
