package io.canopy.node.testing;

import io.canopy.sla.Microservice;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.WireJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Instance specs for tests, built the way the cluster sends them (SLA JSON). */
public final class TestSpecs {
  /**
   * busybox sh as PID 1 ignores SIGTERM: trap it so a stop takes a second, not the grace period.
   */
  public static final List<String> RUNS_UNTIL_STOPPED =
      List.of("sh", "-c", "trap 'exit 0' TERM; echo started; while true; do sleep 1; done");

  private TestSpecs() {}

  public static String newInstanceId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }

  public static InstanceSpec container(
      String image, List<String> cmd, String port, boolean oneShot, String nodeId) {
    return container(newInstanceId(), image, cmd, port, oneShot, nodeId, Map.of());
  }

  public static InstanceSpec container(
      String instanceId,
      String image,
      List<String> cmd,
      String port,
      boolean oneShot,
      String nodeId,
      Map<String, Object> extra) {
    Map<String, Object> sla = new LinkedHashMap<>();
    sla.put("microservice_name", "svc");
    sla.put("microservice_namespace", "test");
    sla.put("virtualization", "container");
    sla.put("cmd", cmd);
    sla.put("memory", 64);
    sla.put("vcpus", 0.5);
    sla.put("code", image);
    sla.put("port", port);
    sla.put("one_shot", oneShot);
    // every field present, as the cluster serializes the record
    for (String zero : List.of("vgpus", "vtpus", "bandwidth_in", "bandwidth_out", "storage")) {
      sla.put(zero, 0);
    }
    sla.put("privileged", false);
    sla.putAll(extra);
    Microservice service = WireJson.mapper().convertValue(sla, Microservice.class);
    return new InstanceSpec(instanceId, "svc-1", "app.test.svc.test", 0, service, null, nodeId);
  }
}
