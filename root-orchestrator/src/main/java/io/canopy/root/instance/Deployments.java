package io.canopy.root.instance;

import io.canopy.root.channel.CommandOutbox;
import io.canopy.root.scheduling.RootScheduler;
import io.canopy.root.service.ServiceDocument;
import io.canopy.root.service.ServiceStore;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Ids;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Adds and removes instances: the root's side of deploy and undeploy. */
@Component
public class Deployments {
  private final InstanceStore instances;
  private final ServiceStore services;
  private final RootScheduler scheduler;
  private final CommandOutbox outbox;

  Deployments(
      InstanceStore instances,
      ServiceStore services,
      RootScheduler scheduler,
      CommandOutbox outbox) {
    this.instances = instances;
    this.services = services;
    this.scheduler = scheduler;
    this.outbox = outbox;
  }

  /** One more instance of the service, placed at once when a cluster fits. */
  public InstanceDocument addInstance(ServiceDocument service) {
    int number =
        services
            .takeInstanceNumber(service.id())
            .orElseThrow(() -> ApiProblem.notFound("service", service.id()));
    InstanceDocument created =
        instances.insert(
            InstanceDocument.requested(
                Ids.newId(),
                service.id(),
                service.applicationId(),
                service.userId(),
                number,
                service.revision()));
    scheduler.schedule(created.id());
    return instances.byId(created.id()).orElse(created);
  }

  /**
   * Removes the instance: marked stopped first (so no scheduler pass or report revives it), then
   * its cluster is told to undeploy it (re-sent until acknowledged), then it is deleted.
   */
  public void remove(InstanceDocument instance) {
    Optional<InstanceDocument> stopped = instances.update(instance.id(), InstanceDocument::stopped);
    outbox.dropDeploys(instance.id());
    String cluster = stopped.map(InstanceDocument::clusterId).orElse(instance.clusterId());
    if (cluster != null) {
      outbox.undeploy(cluster, instance.id());
    }
    instances.delete(instance.id());
  }

  public void removeAll(String serviceId) {
    instances.ofService(serviceId).forEach(this::remove);
  }
}
