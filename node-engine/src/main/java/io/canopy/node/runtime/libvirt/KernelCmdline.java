package io.canopy.node.runtime.libvirt;

import io.canopy.node.runtime.GuestNic;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest's kernel command line: the archive's own, then the SLA's {@code cmd} entries (one
 * parameter each, as Oakestra passes them to unikernels), then, when the guest has a NIC, its
 * addressing twice: {@code canopy.ip=<address>/<prefix> canopy.gw=<gateway>} for a guest's own init
 * to read, and the kernel's {@code ip=<address>::<gateway>:<netmask>::eth0:off}, with which a Linux
 * kernel that has IP autoconfiguration (CONFIG_IP_PNP) and its NIC driver built in configures
 * {@code eth0} itself, without DHCP.
 */
final class KernelCmdline {
  private KernelCmdline() {}

  static String of(String archive, List<String> cmd, GuestNic nic) {
    List<String> parts = new ArrayList<>();
    if (archive != null && !archive.isBlank()) {
      parts.add(archive.trim());
    }
    for (String arg : cmd) {
      if (arg != null && !arg.isBlank()) {
        parts.add(arg.trim());
      }
    }
    if (nic != null) {
      parts.add("canopy.ip=" + nic.address() + "/" + nic.prefixLength());
      parts.add("canopy.gw=" + nic.gateway());
      parts.add("ip=" + nic.address() + "::" + nic.gateway() + ":" + nic.netmask() + "::eth0:off");
    }
    return String.join(" ", parts);
  }
}
