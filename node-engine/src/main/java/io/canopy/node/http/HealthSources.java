package io.canopy.node.http;

import io.canopy.node.runtime.RuntimeStats;
import io.canopy.wire.InstanceState;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code /health} and {@code /metrics} read from the engine.
 *
 * @param nodeId null until registered
 * @param runtimesAnswering the virtualizations whose runtime answers now
 * @param stats running instances' resource use by instance id (slow: asks the daemons; {@code
 *     /metrics} reads it through {@link Sampled})
 */
public record HealthSources(
    Supplier<String> nodeId,
    String nodeName,
    BooleanSupplier mqttConnected,
    Supplier<List<String>> runtimesAnswering,
    Supplier<Map<InstanceState, Long>> instances,
    Supplier<Map<String, RuntimeStats>> stats) {}
