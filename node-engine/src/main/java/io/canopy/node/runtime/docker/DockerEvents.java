package io.canopy.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.canopy.node.runtime.WorkloadRuntime.ExitListener;
import java.io.Closeable;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Docker's event stream for this node's containers and reports each {@code die} at once.
 * When the stream breaks it reopens it, and asks the listener to resync, since exits may have
 * happened meanwhile. Whether the stream is open is also the cheapest "Docker answers" signal.
 */
final class DockerEvents implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DockerEvents.class);

  private final DockerClient docker;
  private final String nodeId;
  private final ExitListener listener;
  private final Thread thread;
  private volatile boolean open = true;
  private volatile boolean streaming;
  private volatile Closeable current;

  DockerEvents(DockerClient docker, String nodeId, ExitListener listener) {
    this.docker = docker;
    this.nodeId = nodeId;
    this.listener = listener;
    this.thread = Thread.ofPlatform().daemon().name("docker-events").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  boolean streaming() {
    return streaming;
  }

  private void run() {
    long backoffMillis = 500;
    while (open) {
      Stream stream = new Stream();
      try {
        current = stream;
        docker
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .withEventFilter("die")
            .withLabelFilter(Map.of(CanopyLabels.NODE_ID, nodeId))
            .exec(stream);
        stream.awaitCompletion();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.debug("docker event stream failed: {}", e.getMessage());
      } finally {
        if (stream.started) {
          backoffMillis = 500; // it worked for a while: retry quickly
        }
        streaming = false;
      }
      if (open) {
        // a stopped daemon would otherwise log every half second
        if (backoffMillis == 500) {
          log.warn("the Docker event stream closed; reopening it (retrying while dockerd is away)");
        }
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException e) {
          return;
        }
        backoffMillis = Math.min(backoffMillis * 2, 10_000);
      }
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      Closeable c = current;
      if (c != null) {
        c.close();
      }
    } catch (Exception ignored) {
      // closing anyway
    }
    thread.interrupt();
  }

  private final class Stream extends ResultCallback.Adapter<Event> {
    private volatile boolean started;

    @Override
    public void onStart(Closeable stream) {
      super.onStart(stream);
      started = true;
      streaming = true;
      // exits may have happened before the stream was (re)opened
      listener.resync();
    }

    @Override
    public void onNext(Event event) {
      if (event.getActor() == null || event.getActor().getAttributes() == null) {
        return;
      }
      String instanceId = event.getActor().getAttributes().get(CanopyLabels.INSTANCE_ID);
      String containerId =
          event.getActor().getId() != null ? event.getActor().getId() : event.getId();
      if (instanceId != null && containerId != null) {
        listener.exited(instanceId, containerId);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // the template logs every broken stream as an ERROR; a restarting daemon is not one
      if (open) {
        log.debug("docker event stream error: {}", throwable.getMessage());
      }
      try {
        close();
      } catch (java.io.IOException ignored) {
        // already broken
      }
    }
  }
}
