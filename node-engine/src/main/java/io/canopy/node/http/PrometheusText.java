package io.canopy.node.http;

import io.canopy.node.runtime.RuntimeStats;
import io.canopy.wire.InstanceState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The Prometheus text exposition of the engine's state. */
final class PrometheusText {
  private PrometheusText() {}

  static String render(HealthSources sources, NodeMetrics metrics) {
    StringBuilder out = new StringBuilder(2048);
    Map<InstanceState, Long> counts = sources.instances().get();
    type(out, "canopy_node_instances", "gauge", "Instances on this worker by observed state.");
    for (InstanceState state : InstanceState.values()) {
      line(out, "canopy_node_instances{state=\"" + state + "\"}", counts.getOrDefault(state, 0L));
    }
    type(out, "canopy_node_mqtt_connected", "gauge", "1 while connected to the MQTT broker.");
    line(out, "canopy_node_mqtt_connected", sources.mqttConnected().getAsBoolean() ? 1 : 0);
    type(out, "canopy_node_mqtt_messages_received_total", "counter", "MQTT messages received.");
    line(out, "canopy_node_mqtt_messages_received_total", metrics.receivedCount());
    type(out, "canopy_node_mqtt_messages_published_total", "counter", "MQTT messages published.");
    line(out, "canopy_node_mqtt_messages_published_total", metrics.publishedCount());
    type(out, "canopy_node_mqtt_reconnects_total", "counter", "Reconnects to the MQTT broker.");
    line(out, "canopy_node_mqtt_reconnects_total", metrics.reconnectCount());
    type(out, "canopy_node_reports_total", "counter", "Resource reports published.");
    line(out, "canopy_node_reports_total", metrics.reportCount());
    type(out, "canopy_node_runtime_up", "gauge", "1 for each runtime that answers now.");
    for (String runtime : sources.runtimesAnswering().get()) {
      line(out, "canopy_node_runtime_up{runtime=\"" + runtime + "\"}", 1);
    }

    Map<String, RuntimeStats> stats = sources.stats().get();
    type(out, "canopy_node_instance_memory_bytes", "gauge", "Memory used by a running instance.");
    stats.forEach(
        (id, s) ->
            line(
                out,
                "canopy_node_instance_memory_bytes{instance=\"" + id + "\"}",
                s.memoryBytes()));
    type(
        out,
        "canopy_node_instance_cpu_percent",
        "gauge",
        "CPU use of a running instance, 100 = one core.");
    stats.forEach(
        (id, s) ->
            line(out, "canopy_node_instance_cpu_percent{instance=\"" + id + "\"}", s.cpuPercent()));

    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    type(out, "jvm_memory_heap_used_bytes", "gauge", "JVM heap in use.");
    line(out, "jvm_memory_heap_used_bytes", heap.getUsed());
    type(out, "jvm_memory_heap_committed_bytes", "gauge", "JVM heap committed.");
    line(out, "jvm_memory_heap_committed_bytes", heap.getCommitted());
    type(out, "process_resident_memory_bytes", "gauge", "Resident set size of the engine process.");
    line(out, "process_resident_memory_bytes", residentBytes());
    return out.toString();
  }

  private static long residentBytes() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: reported as 0
    }
    return 0;
  }

  private static void type(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void line(StringBuilder out, String series, Number value) {
    out.append(series).append(' ').append(value).append('\n');
  }
}
