package io.canopy.core.capacity;

import io.canopy.core.placement.Capacity;
import io.canopy.core.placement.Demand;
import io.canopy.core.placement.PortClaim;
import io.canopy.wire.InstanceSpec;
import java.util.Set;

/**
 * What one instance placed on a worker holds there, whether or not it is running yet: its share of
 * capacity and its host ports.
 *
 * @param service the service key the spread scorer counts by (the root's service id)
 */
public record Reservation(
    String instanceId, String service, Capacity capacity, Set<PortClaim> hostPorts) {

  public Reservation {
    capacity = capacity == null ? Capacity.ZERO : capacity;
    hostPorts = hostPorts == null ? Set.of() : Set.copyOf(hostPorts);
  }

  /** The reservation of an instance as the root sent it; keyed by its service id. */
  public static Reservation of(InstanceSpec spec) {
    Demand d = Demand.forWorker(spec.service(), spec.serviceId());
    return new Reservation(spec.instanceId(), spec.serviceId(), d.needed(), d.hostPorts());
  }
}
