package io.canopy.node.runtime.libvirt;

import io.canopy.node.runtime.RuntimeStats;
import java.util.Map;
import java.util.Optional;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;

/**
 * A running guest's resource use. libvirt reports cumulative CPU time, so the CPU share is the
 * difference to the previous sample of the same guest (or to one taken a quarter second earlier on
 * the first call). Memory is what the guest was given: without a balloon driver QEMU cannot tell
 * how much of it the guest uses.
 */
final class GuestCpu {
  private static final long FIRST_WINDOW_MS = 250;
  private static final long STALE_NS = 60_000_000_000L;

  private GuestCpu() {}

  /**
   * @param samples the last sample per domain: {@code [cpu time ns, wall clock ns]}
   */
  static Optional<RuntimeStats> stats(Domain d, Map<String, long[]> samples, String name)
      throws LibvirtException {
    DomainInfo info = d.getInfo();
    if (info.state != DomainInfo.DomainState.VIR_DOMAIN_RUNNING) {
      return Optional.empty();
    }
    long now = System.nanoTime();
    long[] last = samples.get(name);
    if (last == null || now - last[1] > STALE_NS) {
      last = new long[] {info.cpuTime, now};
      try {
        Thread.sleep(FIRST_WINDOW_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      info = d.getInfo();
      now = System.nanoTime();
    }
    samples.put(name, new long[] {info.cpuTime, now});
    double wall = now - last[1];
    double percent = wall <= 0 ? 0 : Math.max(0, (info.cpuTime - last[0]) * 100.0 / wall);
    return Optional.of(new RuntimeStats(info.memory * 1024, info.maxMem * 1024, percent));
  }
}
