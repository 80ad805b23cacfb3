package io.canopy.root.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.RootCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A cluster as the root sees one: it speaks the real channel protocol over a JDK WebSocket (Bearer
 * credential at the handshake, one JSON message per text frame), records every command the root
 * sends and answers only what the test tells it to.
 */
public final class TestCluster implements AutoCloseable {
  private final WebSocket socket;
  private final LinkedBlockingQueue<RootCommand> received = new LinkedBlockingQueue<>();
  private final List<RootCommand> skipped = new ArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private TestCluster(WebSocket socket) {
    this.socket = socket;
  }

  /** Opens the channel; fails the test when the root refuses it. */
  public static TestCluster connect(int port, String credential) {
    Listener listener = new Listener();
    WebSocket ws =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + credential)
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/clusters/channel"), listener)
            .join();
    TestCluster cluster = new TestCluster(ws);
    listener.ready.complete(cluster);
    return cluster;
  }

  /** The HTTP status or failure a refused handshake gives. */
  public static Throwable refusal(int port, String credential) {
    try {
      HttpClient.newHttpClient()
          .newWebSocketBuilder()
          .header("Authorization", "Bearer " + credential)
          .buildAsync(
              URI.create("ws://127.0.0.1:" + port + "/api/clusters/channel"),
              new WebSocket.Listener() {})
          .join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  public void send(ClusterMessage message) {
    socket.sendText(WireJson.mapper().writeValueAsString(message), true).join();
  }

  public void sendRaw(String text) {
    socket.sendText(text, true).join();
  }

  /** The next command of this type (earlier others are kept for later calls). */
  public <T extends RootCommand> T next(Class<T> type) {
    return next(type, c -> true);
  }

  public <T extends RootCommand> T next(Class<T> type, Predicate<T> matching) {
    return next(type, matching, Duration.ofSeconds(15));
  }

  /** The next matching command of this type within {@code timeout}. */
  public <T extends RootCommand> T next(Class<T> type, Predicate<T> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (skipped) {
      for (RootCommand c : skipped) {
        if (type.isInstance(c) && matching.test(type.cast(c))) {
          skipped.remove(c);
          return type.cast(c);
        }
      }
    }
    while (System.nanoTime() < deadline) {
      try {
        RootCommand c = received.poll(100, TimeUnit.MILLISECONDS);
        if (c == null) {
          continue;
        }
        if (type.isInstance(c) && matching.test(type.cast(c))) {
          return type.cast(c);
        }
        synchronized (skipped) {
          skipped.add(c);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " from the root within " + timeout);
  }

  /** Nothing of this type arrives within the time given. */
  public <T extends RootCommand> void expectNone(Class<T> type, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        RootCommand c = received.poll(50, TimeUnit.MILLISECONDS);
        if (c != null) {
          assertThat(c).as("unexpected command").isNotInstanceOf(type);
          synchronized (skipped) {
            skipped.add(c);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  public void drain() {
    received.clear();
    synchronized (skipped) {
      skipped.clear();
    }
  }

  public boolean closedByRoot(Duration within) {
    try {
      closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
    }
    socket.abort();
  }

  private static final class Listener implements WebSocket.Listener {
    private final CompletableFuture<TestCluster> ready = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        RootCommand command = WireJson.mapper().readValue(text, RootCommand.class);
        ready.thenAccept(c -> c.received.add(command));
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      ready.thenAccept(c -> c.closed.complete(statusCode));
      return null;
    }
  }
}
