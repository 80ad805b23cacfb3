package io.canopy.node.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU share of workloads whose runtime counts cumulative CPU time (cgroups, libvirt): the CPU
 * time used since the previous reading of the same workload per wall-clock time. Without a recent
 * previous reading (the first one, or one older than a minute, which would average over too long a
 * time) it reads twice, a quarter second apart.
 */
public final class CpuMeter {
  private static final Duration FIRST_WINDOW = Duration.ofMillis(250);
  private static final long STALE_NS = Duration.ofMinutes(1).toNanos();

  /** Last reading per workload: {@code [cpu time ns, System.nanoTime()]}. */
  private final Map<String, long[]> last = new ConcurrentHashMap<>();

  /** A workload's cumulative CPU time in nanoseconds, read from its runtime. */
  @FunctionalInterface
  public interface CpuTime<E extends Exception> {
    long nanos() throws E;
  }

  /**
   * @return percent of one core (100 = one core fully busy); empty when interrupted while waiting
   *     for the second of two first readings
   */
  public <E extends Exception> OptionalDouble percent(String workload, CpuTime<E> cpu) throws E {
    long now = System.nanoTime();
    long used = cpu.nanos();
    long[] before = last.get(workload);
    if (before == null || now - before[1] > STALE_NS) {
      before = new long[] {used, now};
      try {
        Thread.sleep(FIRST_WINDOW);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return OptionalDouble.empty();
      }
      now = System.nanoTime();
      used = cpu.nanos();
    }
    last.put(workload, new long[] {used, now});
    double wall = now - before[1];
    return OptionalDouble.of(wall <= 0 ? 0 : Math.max(0, (used - before[0]) * 100.0 / wall));
  }

  /** Drops a removed workload's reading. */
  public void forget(String workload) {
    last.remove(workload);
  }
}
