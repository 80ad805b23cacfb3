package io.canopy.node.runtime.libvirt;

import java.util.List;
import org.libvirt.LibvirtException;

/** Asks libvirtd whether it can run guests of this host's architecture. */
final class DaemonProbe {
  private DaemonProbe() {}

  static LibvirtProbe.Result probe(String uri) {
    String host = Arches.host();
    try (LibvirtConnection c = new LibvirtConnection(uri)) {
      String capabilities = c.with(connect -> connect.getCapabilities());
      List<String> arches = Arches.runnable(capabilities, host);
      if (arches.isEmpty()) {
        return new LibvirtProbe.Result(
            List.of(),
            null,
            "libvirt at "
                + uri
                + " cannot run "
                + Arches.libvirtName(host)
                + " guests: install QEMU for it (apt-get install qemu-system-x86, or"
                + " qemu-system-arm on ARM)");
      }
      return new LibvirtProbe.Result(arches, Accelerator.domainType(), null);
    } catch (LibvirtException e) {
      return new LibvirtProbe.Result(
          List.of(),
          null,
          "libvirtd does not answer at " + uri + ": " + LibvirtConnection.words(e));
    }
  }
}
