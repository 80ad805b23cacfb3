package io.canopy.node.runtime.libvirt;

import java.util.ArrayList;
import java.util.List;

/**
 * A guest's kernel command line: the archive's own, then the SLA's {@code cmd} entries (one
 * parameter each, as Oakestra passes them to unikernels), then {@code canopy.ip=} when the instance
 * has an address on the Canopy network.
 */
final class KernelCmdline {
  private KernelCmdline() {}

  static String of(String archive, List<String> cmd, String instanceIp) {
    List<String> parts = new ArrayList<>();
    if (archive != null && !archive.isBlank()) {
      parts.add(archive.trim());
    }
    for (String arg : cmd) {
      if (arg != null && !arg.isBlank()) {
        parts.add(arg.trim());
      }
    }
    if (instanceIp != null && !instanceIp.isBlank()) {
      parts.add("canopy.ip=" + instanceIp.trim());
    }
    return String.join(" ", parts);
  }
}
