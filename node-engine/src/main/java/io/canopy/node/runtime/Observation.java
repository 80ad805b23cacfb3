package io.canopy.node.runtime;

/**
 * A workload's state as its runtime sees it.
 *
 * @param exists false when the workload is gone
 * @param running whether it runs now
 * @param exitCode its exit code once it stopped
 * @param oomKilled whether the kernel killed it for exceeding its memory limit
 * @param startedAt when it last started, in the runtime's words (RFC 3339 for Docker)
 * @param pid its main process on the host while it runs (its network namespace), else 0
 * @param error the runtime's error message, if any
 */
public record Observation(
    boolean exists,
    boolean running,
    Integer exitCode,
    boolean oomKilled,
    String startedAt,
    long pid,
    String error) {

  public static Observation gone() {
    return new Observation(false, false, null, false, null, 0, null);
  }
}
