package io.canopy.core.capacity;

import io.canopy.core.placement.Candidate;
import io.canopy.core.placement.Capacity;
import io.canopy.core.placement.GeoPoint;
import io.canopy.core.placement.Offer;
import io.canopy.wire.ResourceClass;
import io.canopy.wire.cluster.ClusterResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A cluster's capacity for the root: summed over its active workers, and per (arch, virtualization)
 * class with the most free on any single worker, since an instance must fit one worker and sums
 * alone cannot tell whether it does.
 */
public final class ClusterCapacity {
  private ClusterCapacity() {}

  /** Totals over the active workers; the worker list names every worker, active or not. */
  public static ClusterResources aggregate(List<WorkerView> workers) {
    List<WorkerView> active = workers.stream().filter(WorkerView::active).toList();
    Map<String, ClassSum> classes = new TreeMap<>();
    double cpuPercent = 0;
    int cores = 0;
    long totalMemory = 0;
    long freeMemory = 0;
    int gpus = 0;
    for (WorkerView w : active) {
      Capacity total = w.total();
      Capacity free = w.free();
      cpuPercent += w.fingerprint() == null ? 0 : w.fingerprint().cpuPercent();
      cores += w.fingerprint() == null ? 0 : w.fingerprint().cores();
      totalMemory += total.memoryMb();
      freeMemory += free.memoryMb();
      gpus += total.gpus();
      String arch = w.arch().toLowerCase(Locale.ROOT);
      for (String runtime : Set.copyOf(w.runtimes())) {
        String virt = runtime.toLowerCase(Locale.ROOT);
        classes
            .computeIfAbsent(arch + "\u0000" + virt, k -> new ClassSum(arch, virt))
            .add(total, free);
      }
    }
    List<ResourceClass> out = new ArrayList<>(classes.size());
    classes.values().forEach(c -> out.add(c.toResourceClass()));
    return new ClusterResources(
        active.size(),
        workers.size(),
        active.isEmpty() ? 0 : cpuPercent / active.size(),
        cores,
        totalMemory,
        freeMemory,
        gpus,
        out,
        workers.stream().map(WorkerView::summary).toList());
  }

  /**
   * A cluster as the root's placement candidate: one offer per resource class, whose free amount is
   * the most free on one of its workers and whose total is the class's total.
   */
  public static Candidate toCandidate(
      String clusterId,
      String name,
      boolean active,
      ClusterResources resources,
      GeoPoint location,
      Map<String, Integer> serviceInstances) {
    List<Offer> offers =
        resources == null
            ? List.of()
            : resources.classes().stream()
                .map(
                    c ->
                        new Offer(
                            c.arch(),
                            c.virtualization(),
                            new Capacity(c.maxFreeVcpus(), c.maxFreeMemoryMb(), c.maxFreeGpus()),
                            new Capacity(c.totalVcpus(), c.totalMemoryMb(), c.totalGpus())))
                .toList();
    return new Candidate(
        clusterId, name, active, offers, Set.of(), location, Map.of(), serviceInstances);
  }

  private static final class ClassSum {
    private final String arch;
    private final String virtualization;
    private int workers;
    private Capacity total = Capacity.ZERO;
    private Capacity free = Capacity.ZERO;
    private Capacity maxFree = Capacity.ZERO;

    ClassSum(String arch, String virtualization) {
      this.arch = arch;
      this.virtualization = virtualization;
    }

    void add(Capacity workerTotal, Capacity workerFree) {
      workers++;
      total = total.plus(workerTotal);
      free = free.plus(workerFree);
      maxFree = maxFree.max(workerFree);
    }

    ResourceClass toResourceClass() {
      return new ResourceClass(
          arch,
          virtualization,
          workers,
          total.vcpus(),
          free.vcpus(),
          total.memoryMb(),
          free.memoryMb(),
          total.gpus(),
          free.gpus(),
          maxFree.vcpus(),
          maxFree.memoryMb(),
          maxFree.gpus());
    }
  }
}
