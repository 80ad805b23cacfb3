package io.canopy.root.instance;

import io.canopy.root.service.ServiceDocument;
import io.canopy.wire.InstanceSpec;

/** What a cluster is told about an instance it should run. */
public final class InstanceSpecs {
  private InstanceSpecs() {}

  public static InstanceSpec of(InstanceDocument instance, ServiceDocument service) {
    return new InstanceSpec(
        instance.id(),
        service.id(),
        service.fullName(),
        instance.instanceNumber(),
        service.microservice(),
        service.serviceIp(),
        instance.nodeId());
  }
}
