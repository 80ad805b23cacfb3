package io.canopy.root.channel;

import io.canopy.root.instance.InstanceDocument;
import io.canopy.root.instance.InstanceSpecs;
import io.canopy.root.instance.InstanceStore;
import io.canopy.root.service.ServiceDocument;
import io.canopy.root.service.ServiceStore;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.cluster.RootCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The full set of instances the root wants on a cluster, sent in answer to its sync request. Once
 * the cluster acknowledges it, every command queued for that cluster before it was built is covered
 * by it and dropped.
 */
@Component
class DesiredStates {
  private final InstanceStore instances;
  private final ServiceStore services;
  private final CommandOutbox outbox;
  private final Map<String, Instant> sent = new ConcurrentHashMap<>();

  DesiredStates(InstanceStore instances, ServiceStore services, CommandOutbox outbox) {
    this.instances = instances;
    this.services = services;
    this.outbox = outbox;
  }

  RootCommand.DesiredState build(String clusterId) {
    Instant builtAt = Instant.now();
    List<InstanceSpec> specs = new ArrayList<>();
    List<String> finished = new ArrayList<>();
    for (InstanceDocument i : instances.onCluster(clusterId)) {
      if (i.heldByCluster()) {
        Optional<ServiceDocument> svc = services.byId(i.serviceId());
        svc.ifPresent(s -> specs.add(InstanceSpecs.of(i, s)));
      } else if (i.finishedOnCluster()) {
        finished.add(i.id());
      }
    }
    String id = CommandOutbox.newCommandId();
    sent.put(id, builtAt);
    return new RootCommand.DesiredState(id, specs, finished);
  }

  /** True when the acknowledged command was a desired state (and its effect is applied). */
  boolean acknowledged(String clusterId, String commandId) {
    Instant builtAt = sent.remove(commandId);
    if (builtAt == null) {
      return false;
    }
    outbox.supersededBefore(clusterId, builtAt);
    return true;
  }
}
