package io.canopy.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Statistics;
import io.canopy.node.runtime.Observation;
import io.canopy.node.runtime.RuntimeHandle;
import io.canopy.node.runtime.RuntimeStats;
import io.canopy.node.runtime.StartResult;
import io.canopy.node.runtime.WorkloadRuntime;
import io.canopy.wire.InstanceSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs instances as Docker containers: the local image is used, pulled only when missing; the
 * container gets the SLA's command, environment, published ports, CPU and memory limits and the
 * Canopy labels; it is watched through Docker events. The container id is the handle.
 */
public final class DockerRuntime implements WorkloadRuntime {
  private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);
  public static final String KIND = "container";

  private final DockerClient docker;
  private final String nodeId;
  private final Duration pullTimeout;
  private final Networking networking;
  private final ContainerUsage usage;
  private DockerEvents events;

  /** Where a container's network comes from. */
  public enum Networking {
    /** Docker's default bridge; Docker publishes the SLA's ports. */
    DOCKER_BRIDGE,
    /**
     * No Docker network at all (network mode {@code none}): the net manager attaches the running
     * container to the Canopy overlay and publishes its ports.
     */
    OVERLAY
  }

  /** A runtime whose containers sit on Docker's default bridge. */
  public DockerRuntime(DockerClient docker, String nodeId, Duration pullTimeout) {
    this(docker, nodeId, pullTimeout, Networking.DOCKER_BRIDGE);
  }

  public DockerRuntime(
      DockerClient docker, String nodeId, Duration pullTimeout, Networking networking) {
    this.docker = docker;
    this.nodeId = nodeId;
    this.pullTimeout = pullTimeout;
    this.networking = networking;
    this.usage = ContainerUsage.ofThisMachine();
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean answers() {
    DockerEvents e = events;
    if (e != null && e.streaming()) {
      return true; // an open event stream proves the daemon answers, at no cost
    }
    return ping(docker);
  }

  /** Whether the Docker engine answers a ping. */
  public static boolean ping(DockerClient docker) {
    try {
      docker.pingCmd().exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public StartResult start(InstanceSpec spec) {
    String image = spec.service().code() == null ? "" : spec.service().code().trim();
    if (image.isEmpty()) {
      return new StartResult.Failed("the service names no image in \"code\"");
    }
    String pullFailure = ensureImage(image);
    if (pullFailure != null) {
      return new StartResult.Failed(pullFailure);
    }
    removeLeftovers(spec.instanceId());
    String containerId;
    try {
      containerId =
          ContainerRequests.create(docker, spec, nodeId, image, networking).exec().getId();
    } catch (IllegalArgumentException e) {
      return new StartResult.Failed(e.getMessage()); // a malformed port field
    } catch (RuntimeException e) {
      return new StartResult.Failed("docker create failed: " + DaemonWords.of(e));
    }
    try {
      docker.startContainerCmd(containerId).exec();
    } catch (RuntimeException e) {
      String reason = DaemonWords.of(e);
      remove(containerId);
      return new StartResult.Failed("docker start failed: " + reason);
    }
    RuntimeHandle handle =
        new RuntimeHandle(spec.instanceId(), KIND, containerId, spec.service().oneShot());
    return new StartResult.Started(handle, inspect(handle));
  }

  /** Null when the image is present (or was pulled), else the daemon's reason. */
  private String ensureImage(String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return null;
    } catch (NotFoundException missing) {
      log.info("image {} is not local; pulling it", image);
    } catch (RuntimeException e) {
      return "docker image inspect failed: " + DaemonWords.of(e);
    }
    Pull callback = new Pull();
    try {
      docker.pullImageCmd(image).exec(callback);
      if (!callback.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return "pulling " + image + " took longer than " + pullTimeout.toSeconds() + " s";
      }
      if (callback.error != null) {
        return "pulling " + image + " failed: " + DaemonWords.of(callback.error);
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "pulling " + image + " was interrupted";
    } catch (RuntimeException e) {
      return "pulling " + image + " failed: " + DaemonWords.of(e);
    } finally {
      closeQuietly(callback);
    }
  }

  /** A crash between create and the handle reaching disk can leave a container behind. */
  private void removeLeftovers(String instanceId) {
    for (Container c : ownContainers(Map.of(CanopyLabels.INSTANCE_ID, instanceId))) {
      remove(c.getId());
    }
  }

  @Override
  public Observation inspect(RuntimeHandle handle) {
    try {
      return observe(docker.inspectContainerCmd(handle.runtimeId()).exec());
    } catch (NotFoundException e) {
      return Observation.gone();
    }
  }

  private static Observation observe(InspectContainerResponse r) {
    InspectContainerResponse.ContainerState s = r.getState();
    boolean running = Boolean.TRUE.equals(s.getRunning());
    Long pid = s.getPidLong();
    Long exit = s.getExitCodeLong();
    return new Observation(
        true,
        running,
        running || exit == null ? null : exit.intValue(),
        Boolean.TRUE.equals(s.getOOMKilled()),
        s.getStartedAt(),
        running && pid != null ? pid : 0,
        s.getError() == null || s.getError().isBlank() ? null : s.getError());
  }

  @Override
  public void stop(RuntimeHandle handle, Duration grace) {
    try {
      docker
          .stopContainerCmd(handle.runtimeId())
          .withTimeout((int) Math.max(0, grace.toSeconds()))
          .exec();
    } catch (NotFoundException | NotModifiedException alreadyStoppedOrGone) {
      // nothing to stop
    }
    remove(handle.runtimeId());
    usage.forget(handle.runtimeId());
  }

  private void remove(String containerId) {
    try {
      docker.removeContainerCmd(containerId).withForce(true).exec();
    } catch (NotFoundException gone) {
      // already removed
    } catch (RuntimeException e) {
      // "removal already in progress" when two removals race: the container goes either way
      log.debug("removing container {}: {}", containerId, DaemonWords.of(e));
    }
  }

  @Override
  public List<String> logs(RuntimeHandle handle, int lines) {
    StringBuilder text = new StringBuilder();
    ResultCallback.Adapter<Frame> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            synchronized (text) {
              text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          }
        };
    try {
      docker
          .logContainerCmd(handle.runtimeId())
          .withStdOut(true)
          .withStdErr(true)
          .withTail(Math.max(1, lines))
          .exec(callback)
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(callback);
    }
    synchronized (text) {
      if (text.isEmpty()) {
        return List.of();
      }
      List<String> out = new ArrayList<>(List.of(text.toString().split("\r?\n", -1)));
      if (out.getLast().isEmpty()) {
        out.removeLast();
      }
      return out.size() > lines ? List.copyOf(out.subList(out.size() - lines, out.size())) : out;
    }
  }

  /** From the container's cgroup files; from Docker's stats API where those cannot be read. */
  @Override
  public Optional<RuntimeStats> stats(RuntimeHandle handle) {
    return usage.sample(handle.runtimeId(), this::pid).or(() -> statsFromDocker(handle));
  }

  /** The container's main process id; 0 when it does not run or is gone. */
  private long pid(String containerId) {
    try {
      Long pid = docker.inspectContainerCmd(containerId).exec().getState().getPidLong();
      return pid == null ? 0 : pid;
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** One-shot stats: Docker waits for a second CPU reading, so this takes a second or two. */
  private Optional<RuntimeStats> statsFromDocker(RuntimeHandle handle) {
    var callback =
        new com.github.dockerjava.core.InvocationBuilder.AsyncResultCallback<Statistics>();
    try {
      docker.statsCmd(handle.runtimeId()).withNoStream(true).exec(callback);
      Statistics s = callback.awaitResult();
      if (s == null || s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null) {
        return Optional.empty();
      }
      return Optional.of(
          new RuntimeStats(
              s.getMemoryStats().getUsage(),
              s.getMemoryStats().getLimit() == null ? 0 : s.getMemoryStats().getLimit(),
              ContainerCpu.percent(s)));
    } catch (RuntimeException e) {
      return Optional.empty();
    } finally {
      closeQuietly(callback);
    }
  }

  @Override
  public List<Recovered> recover() {
    List<Recovered> out = new ArrayList<>();
    for (Container c : ownContainers(Map.of())) {
      Map<String, String> labels = c.getLabels();
      String instanceId = labels.get(CanopyLabels.INSTANCE_ID);
      if (instanceId == null) {
        continue;
      }
      RuntimeHandle handle =
          new RuntimeHandle(
              instanceId, KIND, c.getId(), "true".equals(labels.get(CanopyLabels.ONE_SHOT)));
      Observation o = inspect(handle);
      if (o.exists()) {
        out.add(new Recovered(handle, o));
      }
    }
    return out;
  }

  /** Containers of this node (never another node's), with extra label filters. */
  private List<Container> ownContainers(Map<String, String> extra) {
    List<String> filters = new ArrayList<>();
    filters.add(CanopyLabels.NODE_ID + "=" + nodeId);
    extra.forEach((k, v) -> filters.add(k + "=" + v));
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(filters).exec();
  }

  @Override
  public synchronized void watch(ExitListener listener) {
    if (events != null) {
      throw new IllegalStateException("already watched");
    }
    events = new DockerEvents(docker, nodeId, listener);
    events.start();
  }

  @Override
  public synchronized void close() {
    if (events != null) {
      events.close();
    }
    try {
      docker.close();
    } catch (Exception e) {
      log.debug("closing the docker client: {}", e.getMessage());
    }
  }

  /** Keeps a pull's failure for the caller instead of logging it as an ERROR. */
  private static final class Pull extends PullImageResultCallback {
    private volatile Throwable error;

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
      closeQuietly(this);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // best effort
    }
  }
}
