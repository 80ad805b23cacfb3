package io.canopy.node.runtime;

/** The outcome of {@link WorkloadRuntime#start}: started, or failed for a stated reason. */
public sealed interface StartResult {

  record Started(RuntimeHandle handle, Observation observation) implements StartResult {}

  /** The runtime's own words (the Docker daemon's message, …). */
  record Failed(String reason) implements StartResult {}
}
