package io.canopy.root.overlay;

import io.canopy.core.overlay.OverlayFilter;
import io.canopy.root.address.SubnetAllocator;
import io.canopy.root.cluster.ClusterDocument;
import io.canopy.root.cluster.ClusterStore;
import io.canopy.root.instance.InstanceDocument;
import io.canopy.root.instance.InstanceStore;
import io.canopy.root.service.ServiceDocument;
import io.canopy.root.service.ServiceStore;
import io.canopy.wire.net.OverlayView;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What of a cluster's reported overlay the root passes on to the other clusters. Besides the shape
 * ({@link OverlayFilter}), a cluster may only speak for what the root gave it: a worker only with
 * the subnet the root granted to that worker of that cluster, an instance only when the root placed
 * it on that cluster and only under its own service's IP. So a wrong or hostile cluster cannot draw
 * other clusters' traffic for a service to itself, nor route someone else's subnet. Left-out
 * entries are logged when they differ from the cluster's previous report.
 */
@Component
class ReportedOverlays {
  private static final Logger log = LoggerFactory.getLogger(ReportedOverlays.class);

  private final ClusterStore clusters;
  private final SubnetAllocator subnets;
  private final InstanceStore instances;
  private final ServiceStore services;
  private final Map<String, List<String>> logged = new ConcurrentHashMap<>();

  ReportedOverlays(
      ClusterStore clusters,
      SubnetAllocator subnets,
      InstanceStore instances,
      ServiceStore services) {
    this.clusters = clusters;
    this.subnets = subnets;
    this.instances = instances;
    this.services = services;
  }

  /**
   * The relayable part of {@code reported}, its workers keyed {@code <nodeId>@<clusterName>} so
   * that workers of different clusters never share a key.
   */
  OverlayView relayable(String clusterId, OverlayView reported) {
    List<String> problems = new ArrayList<>();
    OverlayFilter.Result shaped = OverlayFilter.filter(reported, List.of());
    problems.addAll(shaped.problems());
    OverlayView granted = grantedOnly(clusterId, shaped.kept(), problems);
    // Instances of a worker left out just now are in no listed subnet any more: filter again.
    OverlayFilter.Result consistent = OverlayFilter.filter(granted, List.of());
    problems.addAll(consistent.problems());
    String name = clusters.byId(clusterId).map(ClusterDocument::name).orElse(clusterId);
    if (!problems.equals(logged.getOrDefault(clusterId, List.of()))) {
      problems.forEach(p -> log.warn("Cluster {}: not relayed: {}", name, p));
      logged.put(clusterId, List.copyOf(problems));
    }
    Map<String, Peer> peers = new LinkedHashMap<>();
    consistent.kept().peers().forEach((nodeId, peer) -> peers.put(nodeId + "@" + name, peer));
    return new OverlayView(consistent.kept().services(), peers);
  }

  void forget(String clusterId) {
    logged.remove(clusterId);
  }

  private OverlayView grantedOnly(String clusterId, OverlayView view, List<String> problems) {
    Map<String, String> grants = subnets.grantedTo(clusterId);
    Map<String, Peer> peers = new LinkedHashMap<>();
    view.peers()
        .forEach(
            (nodeId, peer) -> {
              if (peer.subnet().equals(grants.get(nodeId))) {
                peers.put(nodeId, peer);
              } else {
                problems.add(
                    "worker %s: subnet %s was not granted to it".formatted(nodeId, peer.subnet()));
              }
            });
    Map<String, String> serviceIpOf = serviceIpsOfInstancesOn(clusterId);
    Map<String, List<ServiceInstance>> kept = new LinkedHashMap<>();
    view.services()
        .forEach(
            (serviceIp, list) -> {
              List<ServiceInstance> mine = new ArrayList<>();
              for (ServiceInstance instance : list) {
                if (serviceIp.equals(serviceIpOf.get(instance.instanceId()))) {
                  mine.add(instance);
                } else {
                  problems.add(
                      "service IP %s: instance %s is no instance of that service on this cluster"
                          .formatted(serviceIp, instance.instanceId()));
                }
              }
              if (!mine.isEmpty()) {
                kept.put(serviceIp, mine);
              }
            });
    return new OverlayView(kept, peers);
  }

  /** Instance id → its service's IP, for every instance the root placed on this cluster. */
  private Map<String, String> serviceIpsOfInstancesOn(String clusterId) {
    Map<String, String> serviceIps = new HashMap<>();
    Map<String, String> byService = new HashMap<>();
    for (InstanceDocument instance : instances.onCluster(clusterId)) {
      String serviceIp =
          byService.computeIfAbsent(
              instance.serviceId(),
              id -> services.byId(id).map(ServiceDocument::serviceIp).orElse(""));
      if (!serviceIp.isEmpty() && Objects.equals(instance.clusterId(), clusterId)) {
        serviceIps.put(instance.id(), serviceIp);
      }
    }
    return serviceIps;
  }
}
