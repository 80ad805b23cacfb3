package io.canopy.node.instance;

import io.canopy.sla.PortMapping;
import io.canopy.wire.InstanceSpec;
import java.util.List;

/** The host ports an instance's SLA publishes, for the network. */
public final class PublishedPorts {
  private PublishedPorts() {}

  /**
   * None for a workload adopted without its spec (the net manager still holds what it published) or
   * for a port field the runtime would have refused already.
   */
  public static List<PortMapping> of(InstanceSpec spec) {
    if (spec == null || spec.service() == null) {
      return List.of();
    }
    try {
      return spec.service().ports();
    } catch (IllegalArgumentException malformed) {
      return List.of();
    }
  }
}
