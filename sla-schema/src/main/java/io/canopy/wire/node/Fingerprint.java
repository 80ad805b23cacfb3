package io.canopy.wire.node;

import java.util.List;

/**
 * What a worker is and has, sent at registration and refreshed every few seconds.
 *
 * @param hostname the worker's host name (the default node name)
 * @param arch {@code amd64}, {@code arm64}, … (Go/OCI naming, as in SLAs)
 * @param os the operating system, e.g. {@code Linux 6.1.0}
 * @param cores logical CPUs
 * @param cpuPercent CPU use of the whole host, 0–100
 * @param runtimes the virtualizations that answer right now: {@code container}, {@code unikernel}
 * @param underlayAddress the address other workers reach this one at (VXLAN, published ports)
 */
public record Fingerprint(
    String hostname,
    String arch,
    String os,
    int cores,
    double cpuPercent,
    long memoryTotalMb,
    long memoryFreeMb,
    long diskTotalMb,
    long diskFreeMb,
    List<Gpu> gpus,
    List<String> runtimes,
    String underlayAddress) {

  public Fingerprint {
    gpus = gpus == null ? List.of() : List.copyOf(gpus);
    runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
  }

  /** One GPU as {@code nvidia-smi} reports it. */
  public record Gpu(
      String name, long memoryTotalMb, long memoryFreeMb, double utilizationPercent) {}
}
