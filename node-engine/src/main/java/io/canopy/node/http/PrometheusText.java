package io.canopy.node.http;

import io.canopy.node.runtime.RuntimeStats;
import io.canopy.wire.InstanceState;
import io.canopy.wire.node.Fingerprint;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The Prometheus text exposition (format 0.0.4) of the engine's state, with the names of
 * docs/operations.md: the series the cluster also exports keep its names ({@code
 * canopy_mqtt_messages_total}, {@code canopy_mqtt_reconnects_total}), worker-only ones start with
 * {@code canopy_node_}, and the JVM's follow Micrometer's ({@code jvm_memory_used_bytes{area,id}}),
 * so the same queries work on every tier. Everything here is in memory: rendering never waits.
 */
final class PrometheusText {
  private static final double MIB = 1024.0 * 1024.0;

  private PrometheusText() {}

  /**
   * @param runtimes the runtimes that answered at their last check
   * @param stats running instances' resource use, as last sampled
   */
  static String render(
      HealthSources sources,
      NodeMetrics metrics,
      List<String> runtimes,
      Map<String, RuntimeStats> stats) {
    StringBuilder out = new StringBuilder(4096);
    Map<InstanceState, Long> counts = sources.instances().get();
    type(out, "canopy_node_instances", "gauge", "Instances on this worker by observed state.");
    for (InstanceState state : InstanceState.values()) {
      line(out, "canopy_node_instances{state=\"" + state + "\"}", counts.getOrDefault(state, 0L));
    }
    host(out, metrics.host());

    type(out, "canopy_mqtt_messages_total", "counter", "MQTT messages received and published.");
    line(out, "canopy_mqtt_messages_total{direction=\"in\"}", metrics.receivedCount());
    line(out, "canopy_mqtt_messages_total{direction=\"out\"}", metrics.publishedCount());
    type(out, "canopy_mqtt_reconnects_total", "counter", "Reconnects to the MQTT broker.");
    line(out, "canopy_mqtt_reconnects_total", metrics.reconnectCount());
    type(out, "canopy_node_mqtt_connected", "gauge", "1 while connected to the MQTT broker.");
    line(out, "canopy_node_mqtt_connected", sources.mqttConnected().getAsBoolean() ? 1 : 0);
    type(out, "canopy_node_reports_total", "counter", "Resource reports published.");
    line(out, "canopy_node_reports_total", metrics.reportCount());
    type(out, "canopy_node_runtime_up", "gauge", "1 for each runtime that answered last.");
    for (String runtime : runtimes) {
      line(out, "canopy_node_runtime_up{runtime=\"" + escape(runtime) + "\"}", 1);
    }

    type(out, "canopy_node_instance_memory_bytes", "gauge", "Memory used by a running instance.");
    stats.forEach(
        (id, s) ->
            line(
                out,
                "canopy_node_instance_memory_bytes{instance=\"" + escape(id) + "\"}",
                s.memoryBytes()));
    type(
        out,
        "canopy_node_instance_cpu_percent",
        "gauge",
        "CPU use of a running instance, 100 = one core.");
    stats.forEach(
        (id, s) ->
            line(
                out,
                "canopy_node_instance_cpu_percent{instance=\"" + escape(id) + "\"}",
                s.cpuPercent()));

    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    type(out, "jvm_memory_used_bytes", "gauge", "JVM memory in use, by area and pool.");
    pools(out, "jvm_memory_used_bytes", pools, MemoryUsage::getUsed);
    type(out, "jvm_memory_committed_bytes", "gauge", "JVM memory committed, by area and pool.");
    pools(out, "jvm_memory_committed_bytes", pools, MemoryUsage::getCommitted);
    type(out, "process_resident_memory_bytes", "gauge", "Resident set size of the engine process.");
    line(out, "process_resident_memory_bytes", residentBytes());
    return out.toString();
  }

  /** The host's CPU and memory as the last resource report had them; absent before the first. */
  private static void host(StringBuilder out, Fingerprint host) {
    if (host == null) {
      return;
    }
    type(out, "canopy_node_cpu_percent", "gauge", "Host CPU in use, 100 = all cores busy.");
    line(out, "canopy_node_cpu_percent", host.cpuPercent());
    type(out, "canopy_node_memory_used_bytes", "gauge", "Host memory in use (total - available).");
    line(
        out,
        "canopy_node_memory_used_bytes",
        (long) ((host.memoryTotalMb() - host.memoryFreeMb()) * MIB));
    type(out, "canopy_node_memory_total_bytes", "gauge", "Host memory.");
    line(out, "canopy_node_memory_total_bytes", (long) (host.memoryTotalMb() * MIB));
  }

  private static void pools(
      StringBuilder out, String name, List<MemoryPoolMXBean> pools, ToLongFunction<MemoryUsage> v) {
    for (MemoryPoolMXBean pool : pools) {
      MemoryUsage usage = pool.getUsage();
      if (usage == null) {
        continue; // a pool that is no longer valid
      }
      String area = pool.getType() == MemoryType.HEAP ? "heap" : "nonheap";
      line(
          out,
          name + "{area=\"" + area + "\",id=\"" + escape(pool.getName()) + "\"}",
          v.applyAsLong(usage));
    }
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

  /** A label value as the text format wants it: backslash, quote and newline escaped. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static void type(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void line(StringBuilder out, String series, Number value) {
    out.append(series).append(' ').append(value).append('\n');
  }
}
