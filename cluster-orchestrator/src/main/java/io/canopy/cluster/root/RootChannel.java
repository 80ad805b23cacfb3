package io.canopy.cluster.root;

import io.canopy.cluster.ClusterLoop;
import io.canopy.cluster.ClusterProperties;
import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterRegistration;
import io.canopy.wire.cluster.RootCommand;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the WebSocket to the root open: registers once (then reuses the stored identity), connects
 * with the credential, and after any drop reconnects with exponential backoff. After each connect
 * the first message is the sync request, so whatever was missed while away is corrected.
 */
@Component
class RootChannel implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RootChannel.class);

  private final ClusterProperties properties;
  private final RootLink link;
  private final RootCommands commands;
  private final ClusterLoop loop;
  private final RootIdentity identity;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private volatile Thread connector;
  private final Counter reconnects;
  private boolean connectedBefore;

  RootChannel(
      ClusterProperties properties,
      RootLink link,
      RootCommands commands,
      ClusterLoop loop,
      MeterRegistry meters) {
    this.reconnects = meters.counter("canopy.channel.reconnects");
    this.properties = properties;
    this.link = link;
    this.commands = commands;
    this.loop = loop;
    this.identity = new RootIdentity(properties.dataDir());
  }

  @Override
  public void start() {
    if (properties.rootUrl() == null || properties.rootUrl().isBlank()) {
      log.warn("no canopy.cluster.root-url: the cluster runs without a root");
      return;
    }
    // Assigned before it runs: the loop ends as soon as it is no longer the connector.
    Thread t = Thread.ofVirtual().name("root-connector").unstarted(this::keepConnected);
    connector = t;
    t.start();
  }

  @Override
  public void stop() {
    Thread t = connector;
    connector = null;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return connector != null;
  }

  /** Up before and down after the cluster loop (see {@code ClusterLoop#stop}). */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }

  private void keepConnected() {
    Duration min = properties.timing().reconnectMin();
    Duration max = properties.timing().reconnectMax();
    Duration wait = min;
    while (connector == Thread.currentThread()) {
      try {
        ClusterRegistration.Accepted id = identity.load().orElse(null);
        if (id == null) {
          id = new RootRegistrar(http, properties).register();
          identity.save(id);
          log.info("registered with the root as cluster {}", id.clusterId());
        }
        link.identify(id.clusterId());
        if (session(id)) {
          wait = min; // a session that worked resets the backoff
        }
      } catch (RootRegistrar.Refused e) {
        log.error("the root refused the registration: {}", e.getMessage());
        wait = max;
      } catch (IOException e) {
        log.warn("root {} not reachable: {}", properties.rootUrl(), e.toString());
      } catch (InterruptedException e) {
        return;
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      wait = wait.multipliedBy(2).compareTo(max) > 0 ? max : wait.multipliedBy(2);
    }
  }

  /** One connection, until it closes. True when it was established. */
  private boolean session(ClusterRegistration.Accepted id) throws InterruptedException {
    Listener listener = new Listener();
    WebSocket socket;
    try {
      socket =
          http.newWebSocketBuilder()
              .header("Authorization", "Bearer " + id.credential())
              .connectTimeout(Duration.ofSeconds(10))
              .buildAsync(channelUri(), listener)
              .get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h
          && h.getResponse().statusCode() == 401) {
        // The root no longer knows this credential (its store was reset): register anew.
        log.warn("the root refused the cluster's credential; registering again");
        identity.forget();
      } else {
        log.warn("cannot open the root channel: {}", e.getCause().toString());
      }
      return false;
    } catch (java.util.concurrent.TimeoutException e) {
      log.warn("opening the root channel timed out");
      return false;
    }
    log.info("root channel open to {}", properties.rootUrl());
    if (connectedBefore) {
      reconnects.increment();
    }
    connectedBefore = true;
    loop.run(
        "root connected",
        () -> {
          link.attach(socket);
          commands.connected();
        });
    try {
      listener.closed.get();
    } catch (ExecutionException e) {
      log.warn("root channel failed: {}", e.getCause().toString());
    } finally {
      loop.run("root disconnected", () -> link.detach(socket));
      socket.abort();
    }
    log.warn("root channel closed; reconnecting");
    return true;
  }

  private URI channelUri() {
    String base = RootRegistrar.stripSlash(properties.rootUrl());
    String ws = base.replaceFirst("^http", "ws");
    return URI.create(ws + "/api/clusters/channel");
  }

  private final class Listener implements WebSocket.Listener {
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String json = text.toString();
        text.setLength(0);
        try {
          RootCommand command = WireJson.mapper().readValue(json, RootCommand.class);
          loop.run("root command", () -> commands.handle(command));
        } catch (RuntimeException e) {
          log.warn("ignoring an unreadable message from the root: {}", e.getMessage());
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(null);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
