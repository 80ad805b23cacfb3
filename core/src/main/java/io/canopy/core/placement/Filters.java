package io.canopy.core.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The hard constraints, in the order they run. Qualification filters say whether a candidate could
 * ever take the instance; the capacity check then says whether it can right now. The split is what
 * tells "no qualified worker" from "no worker with capacity".
 */
final class Filters {
  private Filters() {}

  /** A hard constraint: the reason to reject the candidate, or empty. */
  interface Filter {
    Optional<String> reject(Demand demand, Candidate candidate);
  }

  static final Filter ACTIVE =
      (d, c) -> c.active() ? Optional.empty() : Optional.of("not active: no recent report");

  static final Filter VIRTUALIZATION =
      (d, c) -> {
        if (c.offers().stream().anyMatch(o -> o.virtualization().equals(d.virtualization()))) {
          return Optional.empty();
        }
        TreeSet<String> has = new TreeSet<>();
        c.offers().forEach(o -> has.add(o.virtualization()));
        return Optional.of(
            "runs no "
                + d.virtualization()
                + (has.isEmpty() ? " (no runtime available)" : " (runs " + join(has) + ")"));
      };

  static final Filter ARCH =
      (d, c) -> {
        if (d.arches().isEmpty() || c.offers().stream().anyMatch(o -> matches(d, o))) {
          return Optional.empty();
        }
        TreeSet<String> has = new TreeSet<>();
        c.offers().stream()
            .filter(o -> o.virtualization().equals(d.virtualization()))
            .forEach(o -> has.add(o.arch()));
        return Optional.of(
            "needs arch "
                + String.join(" or ", new TreeSet<>(d.arches()))
                + " for "
                + d.virtualization()
                + ", has "
                + join(has));
      };

  static final Filter ALLOWED =
      (d, c) -> {
        if (d.allowedCandidates().isEmpty()
            || d.allowedCandidates().contains(c.id())
            || d.allowedCandidates().contains(c.name())) {
          return Optional.empty();
        }
        return Optional.of("not among the allowed: " + join(new TreeSet<>(d.allowedCandidates())));
      };

  static final Filter AREA =
      (d, c) -> {
        GeoArea area = d.area();
        if (area == null || !area.bounded()) {
          return Optional.empty();
        }
        if (c.location() == null) {
          return Optional.of("location unknown; the service must run " + area);
        }
        double km = area.center().distanceKm(c.location());
        if (km <= area.radiusKm()) {
          return Optional.empty();
        }
        return Optional.of(
            String.format(
                Locale.ROOT,
                "%.0f km from %s, more than the %.0f km allowed",
                km,
                area.center(),
                area.radiusKm()));
      };

  static final List<Filter> QUALIFICATION = List.of(VIRTUALIZATION, ARCH, ALLOWED, AREA);

  static final Filter HOST_PORTS =
      (d, c) -> {
        List<String> busy =
            d.hostPorts().stream()
                .filter(c.usedHostPorts()::contains)
                .map(PortClaim::toString)
                .sorted()
                .toList();
        if (busy.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(
            (busy.size() == 1 ? "host port " : "host ports ")
                + String.join(", ", busy)
                + " already in use");
      };

  /** The offers of a candidate the demand could use, capacity aside. */
  static List<Offer> usableOffers(Demand d, Candidate c) {
    return c.offers().stream().filter(o -> matches(d, o)).toList();
  }

  /** Why the offer cannot take the demand now, one phrase per short dimension; empty if it can. */
  static List<String> shortfalls(Capacity needed, Offer offer) {
    Capacity free = offer.free();
    List<String> reasons = new ArrayList<>(3);
    if (!new Capacity(free.vcpus(), Long.MAX_VALUE, Integer.MAX_VALUE).fits(needed)) {
      reasons.add(
          "needs " + Amounts.vcpus(needed.vcpus()) + ", " + Amounts.number(free.vcpus()) + " free");
    }
    if (needed.memoryMb() > free.memoryMb()) {
      reasons.add(
          "needs "
              + needed.memoryMb()
              + " MB memory, "
              + Math.max(0, free.memoryMb())
              + " MB free");
    }
    if (needed.gpus() > free.gpus()) {
      reasons.add(
          "needs " + Amounts.gpus(needed.gpus()) + ", " + Math.max(0, free.gpus()) + " free");
    }
    return reasons;
  }

  private static boolean matches(Demand d, Offer o) {
    return o.virtualization().equals(d.virtualization())
        && (d.arches().isEmpty() || d.arches().contains(o.arch()));
  }

  private static String join(java.util.Collection<String> items) {
    return items.isEmpty() ? "none" : items.stream().collect(Collectors.joining(", "));
  }
}
