package io.canopy.core.placement;

import io.canopy.sla.Constraint;
import io.canopy.sla.ConstraintType;
import io.canopy.sla.GeoCircle;
import io.canopy.sla.Microservice;
import io.canopy.sla.PortMapping;
import io.canopy.sla.ResourceRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one instance asks of the candidate it lands on.
 *
 * @param virtualization {@code container} or {@code unikernel}
 * @param arches acceptable architectures; empty means any
 * @param needed the resources it reserves
 * @param hostPorts host ports it publishes (only meaningful on a worker)
 * @param allowedCandidates ids or names it may land on; empty means any
 * @param area where it must (bounded) or would like to (unbounded) run; null for anywhere
 * @param service the key of its service in {@link Candidate#serviceInstances()}; null disables
 *     spreading
 */
public record Demand(
    String virtualization,
    Set<String> arches,
    Capacity needed,
    Set<PortClaim> hostPorts,
    Set<String> allowedCandidates,
    GeoArea area,
    String service) {

  public Demand {
    virtualization = normalizeVirtualization(virtualization);
    arches =
        arches == null
            ? Set.of()
            : arches.stream()
                .filter(a -> a != null && !a.isBlank())
                .map(a -> a.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    needed = needed == null ? Capacity.ZERO : needed;
    hostPorts = hostPorts == null ? Set.of() : Set.copyOf(hostPorts);
    allowedCandidates =
        allowedCandidates == null
            ? Set.of()
            : allowedCandidates.stream()
                .filter(a -> a != null && !a.isBlank())
                .map(String::strip)
                .collect(Collectors.toUnmodifiableSet());
  }

  /** A demand that does not take part in spreading. */
  public Demand(
      String virtualization,
      Set<String> arches,
      Capacity needed,
      Set<PortClaim> hostPorts,
      Set<String> allowedCandidates,
      GeoArea area) {
    this(virtualization, arches, needed, hostPorts, allowedCandidates, area, null);
  }

  /**
   * What the root asks of a cluster: the {@code direct} constraint's {@code cluster} (it wins when
   * given, being the more precise wish), else the {@code clusters} constraint's {@code allowed};
   * the first {@code geo} constraint's circle. Host ports are left to the cluster: the root cannot
   * see them. The service key is the microservice id (null when empty).
   */
  public static Demand forCluster(Microservice service) {
    return forCluster(service, blankToNull(service.microserviceId()));
  }

  public static Demand forCluster(Microservice service, String serviceKey) {
    List<String> direct = nonNull(service.directClusters());
    Set<String> allowed =
        new LinkedHashSet<>(direct.isEmpty() ? nonNull(service.allowedClusters()) : direct);
    return new Demand(
        service.virtualizationKind().json(),
        new LinkedHashSet<>(nonNull(service.arch())),
        needed(service),
        Set.of(),
        allowed,
        geoArea(service),
        serviceKey);
  }

  /**
   * What a cluster asks of a worker: the {@code direct} constraint's {@code node} list and the
   * published host ports. No geo area: the root already chose a cluster in it, and workers do not
   * report where they are. The service key is the microservice id (null when empty).
   */
  public static Demand forWorker(Microservice service) {
    return forWorker(service, blankToNull(service.microserviceId()));
  }

  public static Demand forWorker(Microservice service, String serviceKey) {
    Set<PortClaim> ports =
        nonNull(service.ports()).stream()
            .filter(p -> p.hostPort() > 0)
            .map(Demand::claim)
            .collect(Collectors.toUnmodifiableSet());
    return new Demand(
        service.virtualizationKind().json(),
        new LinkedHashSet<>(nonNull(service.arch())),
        needed(service),
        ports,
        new LinkedHashSet<>(nonNull(service.directNodes())),
        null,
        serviceKey);
  }

  public Demand withService(String serviceKey) {
    return new Demand(
        virtualization, arches, needed, hostPorts, allowedCandidates, area, serviceKey);
  }

  /** {@code docker} is Oakestra's older name for a container; case does not matter. */
  static String normalizeVirtualization(String virtualization) {
    if (virtualization == null) {
      return "";
    }
    String v = virtualization.strip().toLowerCase(Locale.ROOT);
    return v.equals("docker") ? "container" : v;
  }

  private static Capacity needed(Microservice service) {
    ResourceRequest r = service.resources();
    return new Capacity(r.vcpus(), r.memoryMb(), r.gpus());
  }

  private static PortClaim claim(PortMapping mapping) {
    return new PortClaim(mapping.hostPort(), mapping.protocol());
  }

  /**
   * The first {@code geo} constraint with a {@code location} ({@code lat,long,radius_km}); a named
   * geo {@code area} alone cannot be placed by distance and is not used here. A validated SLA
   * always has a readable location; an unreadable one is refused (with the SLA reader's reason)
   * rather than silently placing the service anywhere.
   */
  static GeoArea geoArea(Microservice service) {
    for (Constraint c : service.constraintsOf(ConstraintType.GEO)) {
      Optional<GeoCircle> circle = c.geoCircle();
      if (circle.isPresent()) {
        GeoCircle g = circle.get();
        return new GeoArea(new GeoPoint(g.latitude(), g.longitude()), g.radiusKm());
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
