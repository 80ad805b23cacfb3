package io.canopy.node.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtimes of this worker by {@link WorkloadRuntime#kind()}: an instance goes to the runtime of
 * its SLA's virtualization, and a handle back to the runtime that made it.
 */
public final class Runtimes implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Runtimes.class);
  private final Map<String, WorkloadRuntime> byKind = new LinkedHashMap<>();

  public Runtimes(List<WorkloadRuntime> runtimes) {
    for (WorkloadRuntime r : runtimes) {
      if (byKind.putIfAbsent(r.kind(), r) != null) {
        throw new IllegalArgumentException("two runtimes for " + r.kind());
      }
    }
  }

  public Optional<WorkloadRuntime> forKind(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** The runtime that made this handle; empty for a runtime no longer configured. */
  public Optional<WorkloadRuntime> of(RuntimeHandle handle) {
    return forKind(handle.runtime());
  }

  public List<WorkloadRuntime> all() {
    return List.copyOf(byKind.values());
  }

  /** The kinds that answer right now, for the fingerprint. */
  public List<String> answering() {
    return byKind.values().stream()
        .filter(WorkloadRuntime::answers)
        .map(WorkloadRuntime::kind)
        .toList();
  }

  /** Every runtime's own workloads. */
  public List<WorkloadRuntime.Recovered> recover() {
    List<WorkloadRuntime.Recovered> all = new ArrayList<>();
    byKind.values().forEach(r -> all.addAll(r.recover()));
    return all;
  }

  /** Stops and removes a workload through the runtime that made it. */
  public void stop(RuntimeHandle handle, Duration grace) {
    WorkloadRuntime r = byKind.get(handle.runtime());
    if (r == null) {
      log.warn("no {} runtime to remove {}", handle.runtime(), handle.runtimeId());
    } else {
      r.stop(handle, grace);
    }
  }

  /** The workload's state; gone when its runtime is not configured any more. */
  public Observation inspect(RuntimeHandle handle) {
    return of(handle).map(r -> r.inspect(handle)).orElse(Observation.gone());
  }

  @Override
  public void close() {
    byKind.values().forEach(WorkloadRuntime::close);
  }
}
