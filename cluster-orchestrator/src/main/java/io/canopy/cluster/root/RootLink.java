package io.canopy.cluster.root;

import io.canopy.wire.InstanceStatus;
import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterMessage;
import java.net.http.WebSocket;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cluster's side of the root channel as the rest of the cluster sees it: send a message if the
 * root is connected. While it is not, messages are dropped on purpose: the sync request after the
 * reconnect carries every instance's latest state, which is all the root needs. The instances whose
 * changes were dropped are remembered until that sync request goes out, so operators can see how
 * much the root is behind ({@code canopy_channel_pending_commands}).
 */
@Component
public class RootLink {
  private static final Logger log = LoggerFactory.getLogger(RootLink.class);

  private volatile WebSocket socket;
  private volatile String clusterId;
  private final Set<String> unsent = ConcurrentHashMap.newKeySet();
  // The JDK WebSocket allows one outstanding send: each send waits for the one before.
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  /** Sends if connected; false when the root is away. */
  public boolean send(ClusterMessage message) {
    WebSocket s = socket;
    if (s == null) {
      held(message);
      return false;
    }
    if (message instanceof ClusterMessage.SyncRequest) {
      // it carries the latest state of every instance: nothing dropped before is missing any more
      unsent.clear();
    }
    String json = WireJson.mapper().writeValueAsString(message);
    synchronized (this) {
      tail =
          tail.handle((ok, error) -> null)
              .thenCompose(v -> s.sendText(json, true))
              .whenComplete(
                  (ok, error) -> {
                    if (error != null) {
                      held(message);
                      log.debug("sending to the root failed: {}", error.toString());
                    }
                  });
    }
    return true;
  }

  /** Instances whose latest change the root has not been sent (it is away); 0 when in sync. */
  public int unsentChanges() {
    return unsent.size();
  }

  private void held(ClusterMessage message) {
    if (message instanceof ClusterMessage.InstanceChanged changed) {
      changed.statuses().stream().map(InstanceStatus::instanceId).forEach(unsent::add);
    }
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
