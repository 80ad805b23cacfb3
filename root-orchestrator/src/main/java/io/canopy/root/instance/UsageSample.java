package io.canopy.root.instance;

import java.time.Instant;

/**
 * One point of an instance's {@code cpu_history} or {@code memory_history}, in Oakestra's element
 * shape: {@code {timestamp, value}}.
 *
 * @param timestamp when the worker sampled it
 * @param value CPU % (100 = one core) or memory in MB
 */
public record UsageSample(Instant timestamp, double value) {}
