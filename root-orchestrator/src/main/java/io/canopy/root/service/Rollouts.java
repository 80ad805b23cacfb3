package io.canopy.root.service;

import io.canopy.core.lifecycle.DesiredState;
import io.canopy.root.instance.Deployments;
import io.canopy.root.instance.InstanceDocument;
import io.canopy.root.instance.InstanceStore;
import io.canopy.wire.InstanceState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Replaces the instances of an updated service one at a time: start one instance of the new
 * revision, wait until it runs, remove one old instance, repeat. A new instance that does not come
 * up holds the rollout (the old ones keep serving) until it does or the user acts.
 */
@Component
class Rollouts {
  private static final Logger log = LoggerFactory.getLogger(Rollouts.class);

  private final ServiceStore services;
  private final InstanceStore instances;
  private final Deployments deployments;
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  private final Map<String, Step> steps = new ConcurrentHashMap<>();

  Rollouts(ServiceStore services, InstanceStore instances, Deployments deployments) {
    this.services = services;
    this.instances = instances;
    this.deployments = deployments;
  }

  /** The new instance started and the old one it replaces. */
  private record Step(String oldInstanceId, String newInstanceId) {}

  void start(String serviceId) {
    active.add(serviceId);
  }

  /** A root restarted mid-rollout picks it up again. */
  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    services.all().forEach(s -> active.add(s.id()));
  }

  @Scheduled(fixedDelay = 2000, initialDelay = 2000)
  void tick() {
    for (String serviceId : active) {
      try {
        if (step(serviceId)) {
          active.remove(serviceId);
        }
      } catch (RuntimeException e) {
        log.error("Rolling out service {} failed", serviceId, e);
      }
    }
  }

  /** One step; true when the rollout is done. */
  private boolean step(String serviceId) {
    Optional<ServiceDocument> found = services.byId(serviceId);
    if (found.isEmpty()) {
      steps.remove(serviceId);
      return true;
    }
    ServiceDocument service = found.get();
    Step step = steps.get(serviceId);
    if (step != null) {
      Optional<InstanceDocument> fresh = instances.byId(step.newInstanceId());
      InstanceState state = fresh.map(InstanceDocument::state).orElse(null);
      if (state == InstanceState.RUNNING || state == InstanceState.COMPLETED || state == null) {
        instances.byId(step.oldInstanceId()).ifPresent(deployments::remove);
        steps.remove(serviceId);
      }
      return false;
    }
    List<InstanceDocument> old =
        instances.ofService(serviceId).stream()
            .filter(i -> i.revision() < service.revision())
            .filter(i -> i.desired() == DesiredState.RUN && !i.state().isTerminal())
            .toList();
    if (old.isEmpty()) {
      return true;
    }
    InstanceDocument replaced = old.get(0);
    InstanceDocument started = deployments.addInstance(service);
    steps.put(serviceId, new Step(replaced.id(), started.id()));
    log.info(
        "Rolling out {} revision {}: instance {} replaces instance {}",
        service.fullName(),
        service.revision(),
        started.instanceNumber(),
        replaced.instanceNumber());
    return false;
  }
}
