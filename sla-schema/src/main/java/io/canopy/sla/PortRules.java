package io.canopy.sla;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code port}: the syntax of every entry, ports 1–65535, and no host port published twice. */
final class PortRules {
  private PortRules() {}

  static void check(Fields service) {
    String port = service.string("port", false);
    if (port == null) {
      return;
    }
    String problem = PortMapping.problem(port);
    if (problem != null) {
      service.fail("port", problem);
      return;
    }
    List<PortMapping> mappings = PortMapping.parseAll(port);
    Set<String> hostPorts = new HashSet<>();
    for (PortMapping mapping : mappings) {
      String hostPort = mapping.hostPort() + "/" + mapping.protocol();
      if (!hostPorts.add(hostPort)) {
        service.fail("port", "host port " + hostPort + " is published twice");
      }
    }
  }
}
