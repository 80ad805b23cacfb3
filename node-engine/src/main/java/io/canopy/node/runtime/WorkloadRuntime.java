package io.canopy.node.runtime;

import io.canopy.wire.InstanceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One way of running workloads on this worker (Docker containers today, QEMU unikernels later).
 * Every workload a runtime creates carries this node's id, so a restarted engine {@link #recover()
 * finds} its own and nobody else's.
 */
public interface WorkloadRuntime extends AutoCloseable {

  /**
   * The virtualization this runtime serves, as SLAs and fingerprints name it: {@code container}.
   */
  String kind();

  /** Whether the runtime answers right now (for the fingerprint). */
  boolean answers();

  /**
   * Creates and starts the instance's workload. Expected failures (image missing, port taken,
   * limits refused) are a {@link StartResult.Failed} with the runtime's own words.
   */
  StartResult start(InstanceSpec spec);

  /** What the workload is doing now; {@link Observation#gone()} when it no longer exists. */
  Observation inspect(RuntimeHandle handle);

  /** Stops the workload (SIGTERM, then SIGKILL after {@code grace}) and removes it. Idempotent. */
  void stop(RuntimeHandle handle, Duration grace);

  /** The last {@code lines} lines of its output, stdout and stderr interleaved. */
  List<String> logs(RuntimeHandle handle, int lines);

  /** Resource use of a running workload, empty when it is not running. */
  Optional<RuntimeStats> stats(RuntimeHandle handle);

  /** This node's workloads that exist right now, running or not. */
  List<Recovered> recover();

  /**
   * Reports workload exits as they happen, and calls {@link ExitListener#resync()} whenever events
   * may have been missed (the runtime's event stream was down).
   */
  void watch(ExitListener listener);

  @Override
  void close();

  /** Told when a workload of this node stops by itself. */
  interface ExitListener {
    void exited(String instanceId, String runtimeId);

    void resync();
  }

  /**
   * A workload found at {@link #recover()}.
   *
   * @param handle its handle, rebuilt from the workload's labels
   * @param observation its state now
   */
  record Recovered(RuntimeHandle handle, Observation observation) {}
}
