package io.canopy.node.runtime.libvirt;

import io.canopy.sla.Microservice;
import io.canopy.testsupport.Commands;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.WireJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Instance specs for the unikernel tests; the guests themselves (kernels, initramfs, archives) are
 * built by test-support's {@code TestKernels}, shared with the end-to-end tests.
 */
final class TestGuests {
  private TestGuests() {}

  static String newId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }

  /** A unikernel instance spec, as the cluster sends it. */
  static InstanceSpec spec(
      String instanceId, String code, List<String> arch, List<String> cmd, boolean oneShot) {
    Map<String, Object> sla = new LinkedHashMap<>();
    sla.put("microservice_name", "uk");
    sla.put("microservice_namespace", "test");
    sla.put("virtualization", "unikernel");
    sla.put("cmd", cmd);
    sla.put("memory", 128);
    sla.put("vcpus", 1);
    sla.put("code", code);
    sla.put("arch", arch);
    sla.put("one_shot", oneShot);
    for (String zero : List.of("vgpus", "vtpus", "bandwidth_in", "bandwidth_out", "storage")) {
      sla.put(zero, 0);
    }
    sla.put("privileged", false);
    Microservice service = WireJson.mapper().convertValue(sla, Microservice.class);
    return new InstanceSpec(instanceId, "svc-uk", "app.test.uk.test", 0, service, null, null);
  }

  /** The command's output, or null when it failed. */
  static String run(List<String> command) {
    Commands.Result result = Commands.run(command, 30);
    return result.ok() ? result.output() : null;
  }
}
