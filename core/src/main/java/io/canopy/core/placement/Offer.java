package io.canopy.core.placement;

import java.util.Locale;

/**
 * One kind of capacity a candidate offers: a worker has one offer per runtime it runs; a cluster
 * has one per resource class (arch × virtualization), whose {@code free} is the most free on any
 * single worker of that class, since an instance must fit one worker.
 *
 * @param arch {@code amd64}, {@code arm64}, … (lower-cased)
 * @param virtualization {@code container} or {@code unikernel} ({@code docker} reads as container)
 */
public record Offer(String arch, String virtualization, Capacity free, Capacity total) {

  public Offer {
    arch = arch == null ? "" : arch.strip().toLowerCase(Locale.ROOT);
    virtualization = Demand.normalizeVirtualization(virtualization);
    if (free == null || total == null) {
      throw new IllegalArgumentException("an offer needs its free and total capacity");
    }
  }
}
