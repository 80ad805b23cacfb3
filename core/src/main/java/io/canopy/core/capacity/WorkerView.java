package io.canopy.core.capacity;

import io.canopy.core.placement.Candidate;
import io.canopy.core.placement.Capacity;
import io.canopy.core.placement.GeoPoint;
import io.canopy.core.placement.Offer;
import io.canopy.core.placement.PortClaim;
import io.canopy.wire.cluster.WorkerSummary;
import io.canopy.wire.node.Fingerprint;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A worker as the cluster scheduler sees it: its fingerprint minus what the instances placed on it
 * reserve. Free capacity is counted from reservations, not from the worker's momentary free memory:
 * an instance reserved but not yet started must already count, and a running one must not count
 * twice (once in its reservation, once in the host's used memory).
 *
 * @param lastReportAt when the worker last reported; null when never
 * @param subnet its overlay subnet (CIDR); null until granted
 * @param fingerprint the latest report; null when the worker never reported (no capacity)
 * @param reserved the sum of the placed instances' reservations
 * @param location where the worker is, or null (workers do not report it today)
 */
public record WorkerView(
    String nodeId,
    String name,
    boolean active,
    Instant lastReportAt,
    String subnet,
    Fingerprint fingerprint,
    Capacity reserved,
    Set<PortClaim> usedHostPorts,
    Map<String, Integer> serviceInstances,
    GeoPoint location) {

  public WorkerView {
    reserved = reserved == null ? Capacity.ZERO : reserved;
    usedHostPorts = usedHostPorts == null ? Set.of() : Set.copyOf(usedHostPorts);
    serviceInstances = serviceInstances == null ? Map.of() : Map.copyOf(serviceInstances);
  }

  /** Sums up the reservations of the instances placed on the worker. */
  public static WorkerView of(
      String nodeId,
      String name,
      boolean active,
      Fingerprint fingerprint,
      List<Reservation> placed) {
    return of(nodeId, name, active, null, null, fingerprint, placed);
  }

  /** Sums up the reservations of the instances placed on the worker. */
  public static WorkerView of(
      String nodeId,
      String name,
      boolean active,
      Instant lastReportAt,
      String subnet,
      Fingerprint fingerprint,
      List<Reservation> placed) {
    Capacity reserved = Capacity.ZERO;
    Set<PortClaim> ports = new HashSet<>();
    Map<String, Integer> perService = new HashMap<>();
    for (Reservation r : placed) {
      reserved = reserved.plus(r.capacity());
      ports.addAll(r.hostPorts());
      if (r.service() != null) {
        perService.merge(r.service(), 1, Integer::sum);
      }
    }
    return new WorkerView(
        nodeId, name, active, lastReportAt, subnet, fingerprint, reserved, ports, perService, null);
  }

  /** Everything the worker has: its cores, its memory, its GPUs. */
  public Capacity total() {
    if (fingerprint == null) {
      return Capacity.ZERO;
    }
    return new Capacity(
        fingerprint.cores(), fingerprint.memoryTotalMb(), fingerprint.gpus().size());
  }

  /** What is left after the reservations, never below zero. */
  public Capacity free() {
    return total().minus(reserved).atLeastZero();
  }

  public String arch() {
    return fingerprint == null ? "" : fingerprint.arch();
  }

  public List<String> runtimes() {
    return fingerprint == null ? List.of() : fingerprint.runtimes();
  }

  /** The worker as the root's API and dashboard show it. */
  public WorkerSummary summary() {
    Capacity total = total();
    return new WorkerSummary(
        nodeId,
        name,
        arch(),
        runtimes(),
        fingerprint == null ? 0 : fingerprint.cores(),
        fingerprint == null ? 0 : fingerprint.cpuPercent(),
        total.memoryMb(),
        free().memoryMb(),
        subnet,
        fingerprint == null ? null : fingerprint.underlayAddress(),
        active,
        lastReportAt);
  }

  /** The worker as a placement candidate: one offer per runtime that answers. */
  public Candidate toCandidate() {
    Capacity total = total();
    Capacity free = free();
    List<Offer> offers =
        runtimes().stream().distinct().map(r -> new Offer(arch(), r, free, total)).toList();
    return new Candidate(
        nodeId, name, active, offers, usedHostPorts, location, Map.of(), serviceInstances);
  }
}
