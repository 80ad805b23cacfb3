package io.canopy.node.instance;

import io.canopy.node.runtime.RuntimeHandle;
import io.canopy.node.runtime.RuntimeStats;
import io.canopy.node.runtime.Runtimes;
import io.canopy.wire.InstanceUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Samples the resource use of every running instance through its runtime, all at once, waiting at
 * most a given time: a slow daemon costs that sample its figures, never a report.
 */
public final class UsageSampler {
  private final Supplier<List<RuntimeHandle>> running;
  private final Runtimes runtimes;

  public UsageSampler(Supplier<List<RuntimeHandle>> running, Runtimes runtimes) {
    this.running = running;
    this.runtimes = runtimes;
  }

  /** Resource use by instance id of those that answered within {@code wait}. */
  public Map<String, RuntimeStats> sample(Duration wait) {
    Map<String, RuntimeStats> out = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      CompletableFuture<?>[] all =
          running.get().stream()
              .map(
                  h ->
                      CompletableFuture.runAsync(
                          () ->
                              runtimes
                                  .of(h)
                                  .flatMap(r -> r.stats(h))
                                  .ifPresent(s -> out.put(h.instanceId(), s)),
                          pool))
              .toArray(CompletableFuture[]::new);
      CompletableFuture.allOf(all).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // a slow or failing daemon: what arrived is reported
    } finally {
      pool.shutdownNow(); // does not wait for a daemon that hangs
    }
    return Map.copyOf(out);
  }

  /** The sample as the wire carries it. */
  public List<InstanceUsage> usage(Duration wait) {
    Instant at = Instant.now();
    return sample(wait).entrySet().stream()
        .map(
            e ->
                new InstanceUsage(
                    e.getKey(), e.getValue().cpuPercent(), e.getValue().memoryBytes(), at))
        .sorted(Comparator.comparing(InstanceUsage::instanceId))
        .toList();
  }
}
