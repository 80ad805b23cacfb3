package io.canopy.core.placement;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Something an instance can be placed on: a cluster (at the root) or a worker (in a cluster).
 *
 * @param id the cluster or node id
 * @param name its human name; the {@code direct}/{@code clusters} constraints may use either
 * @param active whether it reported recently
 * @param offers what it can run, one per runtime (worker) or resource class (cluster)
 * @param usedHostPorts host ports already published there (workers; empty for clusters)
 * @param location where it is, or null when unknown
 * @param labels free-form metadata carried through to the result (shown, never filtered on)
 * @param serviceInstances how many instances of each service already run there, by the service key
 *     a {@link Demand} names; the spread scorer prefers candidates with fewer
 */
public record Candidate(
    String id,
    String name,
    boolean active,
    List<Offer> offers,
    Set<PortClaim> usedHostPorts,
    GeoPoint location,
    Map<String, String> labels,
    Map<String, Integer> serviceInstances) {

  public Candidate {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a candidate needs an id");
    }
    name = name == null ? id : name;
    offers = offers == null ? List.of() : List.copyOf(offers);
    usedHostPorts = usedHostPorts == null ? Set.of() : Set.copyOf(usedHostPorts);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    serviceInstances = serviceInstances == null ? Map.of() : Map.copyOf(serviceInstances);
  }

  /** A candidate that knows nothing about the services already on it. */
  public Candidate(
      String id,
      String name,
      boolean active,
      List<Offer> offers,
      Set<PortClaim> usedHostPorts,
      GeoPoint location,
      Map<String, String> labels) {
    this(id, name, active, offers, usedHostPorts, location, labels, Map.of());
  }

  /** Instances of {@code service} already here; 0 for a null key. */
  public int instancesOf(String service) {
    return service == null ? 0 : serviceInstances.getOrDefault(service, 0);
  }
}
