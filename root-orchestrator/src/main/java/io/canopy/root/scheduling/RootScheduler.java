package io.canopy.root.scheduling;

import io.canopy.core.lifecycle.DesiredState;
import io.canopy.core.lifecycle.Lifecycle;
import io.canopy.core.lifecycle.Transition;
import io.canopy.core.placement.Demand;
import io.canopy.core.placement.Placement;
import io.canopy.core.placement.PlacementResult;
import io.canopy.core.placement.Tier;
import io.canopy.root.channel.CommandOutbox;
import io.canopy.root.cluster.ClusterDocument;
import io.canopy.root.cluster.ClusterProperties;
import io.canopy.root.cluster.ClusterStore;
import io.canopy.root.instance.InstanceDocument;
import io.canopy.root.instance.InstanceSpecs;
import io.canopy.root.instance.InstanceStore;
import io.canopy.root.service.ServiceDocument;
import io.canopy.root.service.ServiceStore;
import io.canopy.wire.InstanceState;
import io.canopy.wire.SchedulingFailure;
import io.canopy.wire.cluster.RootCommand;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Places waiting instances on clusters with {@code core}'s placement chain and tells the chosen
 * cluster; when no cluster fits, records why (and why each cluster was rejected) on the instance.
 * The placement is committed with a version check, so of two racing passes only one deploys.
 */
@Component
public class RootScheduler {
  private static final Logger log = LoggerFactory.getLogger(RootScheduler.class);
  private static final Placement PLACEMENT = Placement.forTier(Tier.ROOT);

  private final InstanceStore instances;
  private final ServiceStore services;
  private final ClusterStore clusters;
  private final CommandOutbox outbox;
  private final ClusterProperties clusterProperties;
  private final Map<String, Counter> results = new HashMap<>();
  private final Timer duration;

  RootScheduler(
      InstanceStore instances,
      ServiceStore services,
      ClusterStore clusters,
      CommandOutbox outbox,
      ClusterProperties clusterProperties,
      MeterRegistry meters) {
    this.instances = instances;
    this.services = services;
    this.clusters = clusters;
    this.outbox = outbox;
    this.clusterProperties = clusterProperties;
    // every result from the start, at 0: a counter that appears with its first increment would
    // hide that increment from increase() and rate()
    List<String> outcomes = new ArrayList<>(List.of("placed"));
    Arrays.stream(SchedulingFailure.values()).map(Enum::name).forEach(outcomes::add);
    for (String outcome : outcomes) {
      results.put(
          outcome,
          Counter.builder("canopy.scheduling.results")
              .tag("tier", "root")
              .tag("result", outcome)
              .description("placement runs by result: placed or the failure reason")
              .register(meters));
    }
    this.duration =
        Timer.builder("canopy.scheduling.duration")
            .tag("tier", "root")
            .description("one placement run")
            .publishPercentileHistogram()
            // the same buckets as the clusters' placement runs: microseconds to milliseconds
            .minimumExpectedValue(Duration.ofNanos(50_000))
            .maximumExpectedValue(Duration.ofSeconds(5))
            .register(meters);
  }

  /** Places the instance if it is waiting for a cluster; does nothing otherwise. */
  public void schedule(String instanceId) {
    Optional<InstanceDocument> found = instances.byId(instanceId).filter(RootScheduler::waiting);
    if (found.isEmpty()) {
      return;
    }
    Optional<ServiceDocument> service = services.byId(found.get().serviceId());
    if (service.isEmpty()) {
      return;
    }
    ServiceDocument svc = service.get();
    List<ClusterDocument> all = clusters.all();
    var candidates =
        ClusterCandidates.of(
            all,
            Instant.now(),
            clusterProperties.heartbeatTimeout(),
            svc.id(),
            instancesPerCluster(svc.id()));
    Demand demand = Demand.forCluster(svc.microservice(), svc.id());
    PlacementResult result = duration.record(() -> PLACEMENT.place(demand, candidates));
    String outcome =
        switch (result) {
          case PlacementResult.Placed p -> "placed";
          case PlacementResult.Unschedulable u -> u.failure().name();
        };
    results.get(outcome).increment();
    switch (result) {
      case PlacementResult.Placed placed -> deploy(instanceId, svc, all, placed);
      case PlacementResult.Unschedulable none ->
          instances.update(
              instanceId,
              current -> {
                if (!waiting(current)
                    || (current.state() == InstanceState.UNSCHEDULABLE
                        && current.schedulingFailure() == none.failure()
                        && current.rejections().equals(none.rejections()))) {
                  return current;
                }
                return current.unschedulable(
                    none.failure(), none.failure().name(), none.rejections());
              });
    }
  }

  private void deploy(
      String instanceId, ServiceDocument svc, List<ClusterDocument> all, PlacementResult.Placed p) {
    ClusterDocument chosen =
        all.stream().filter(c -> c.id().equals(p.chosen().id())).findFirst().orElseThrow();
    String commandId = CommandOutbox.newCommandId();
    Optional<InstanceDocument> after =
        instances.update(
            instanceId,
            current ->
                waiting(current)
                        && Lifecycle.transition(current.state(), InstanceState.CLUSTER_SCHEDULED)
                            instanceof Transition.Applied
                    ? current.placed(
                        chosen.id(), chosen.name(), chosen.location(), commandId, p.rejections())
                    : current);
    if (after.isEmpty() || !commandId.equals(after.get().deployCommandId())) {
      return; // another pass placed it first, or it was removed meanwhile
    }
    outbox.deploy(
        chosen.id(), new RootCommand.Deploy(commandId, InstanceSpecs.of(after.get(), svc)));
    log.info(
        "Instance {} of {} placed on cluster {}",
        after.get().instanceNumber(),
        svc.fullName(),
        chosen.name());
    // Removed while we were sending: make sure the cluster drops it again.
    Optional<InstanceDocument> now = instances.byId(instanceId);
    if (now.isEmpty() || now.get().desired() == DesiredState.STOP) {
      outbox.undeploy(chosen.id(), instanceId);
    }
  }

  private Map<String, Integer> instancesPerCluster(String serviceId) {
    Map<String, Integer> counts = new HashMap<>();
    for (InstanceDocument i : instances.ofService(serviceId)) {
      if (i.heldByCluster()) {
        counts.merge(i.clusterId(), 1, Integer::sum);
      }
    }
    return counts;
  }

  static boolean waiting(InstanceDocument i) {
    return i.desired() == DesiredState.RUN
        && (i.state() == InstanceState.REQUESTED || i.state() == InstanceState.UNSCHEDULABLE);
  }
}
