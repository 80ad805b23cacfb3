package io.canopy.node.runtime.libvirt;

import io.canopy.node.runtime.CpuMeter;
import io.canopy.node.runtime.RuntimeStats;
import java.util.Optional;
import java.util.OptionalDouble;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;

/**
 * A running guest's resource use. libvirt reports cumulative CPU time ({@code cpuTime}), which the
 * {@link CpuMeter} turns into a share. Memory is what the guest was given: without a balloon driver
 * QEMU cannot tell how much of it the guest uses.
 */
final class GuestCpu {
  private GuestCpu() {}

  static Optional<RuntimeStats> stats(Domain d, CpuMeter meter, String name)
      throws LibvirtException {
    DomainInfo info = d.getInfo();
    if (info.state != DomainInfo.DomainState.VIR_DOMAIN_RUNNING) {
      return Optional.empty();
    }
    OptionalDouble percent = meter.percent(name, () -> d.getInfo().cpuTime);
    if (percent.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new RuntimeStats(info.memory * 1024, info.maxMem * 1024, percent.getAsDouble()));
  }
}
