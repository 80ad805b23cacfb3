package io.canopy.node;

import io.canopy.node.NodeEngine.RuntimeFactory;
import io.canopy.node.config.NodeConfig;
import io.canopy.node.instance.InstanceNetwork;
import io.canopy.node.instance.PublishedPorts;
import io.canopy.node.runtime.libvirt.LibvirtProbe;
import io.canopy.node.runtime.libvirt.LibvirtRuntime;
import io.canopy.node.runtime.libvirt.LibvirtSettings;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this worker runs unikernels, decided once at start: the libvirt runtime is added when the
 * configuration allows it and libvirtd answers; otherwise the engine runs without it and says why,
 * once. Turned off, nothing of libvirt is loaded.
 */
final class Unikernels {
  private static final Logger log = LoggerFactory.getLogger(Unikernels.class);

  private Unikernels() {}

  /** The libvirt runtime's factory, or nothing. */
  static List<RuntimeFactory> configured(NodeConfig config, InstanceNetwork network) {
    String uri = config.libvirtUri();
    if (uri == null) {
      log.info("unikernels are off (--unikernels off)");
      return List.of();
    }
    LibvirtProbe.Result probe = LibvirtProbe.probe(uri);
    if (!probe.usable()) {
      log.warn("this worker runs no unikernels: {}", probe.whyNot());
      return List.of();
    }
    log.info(
        "unikernels on: libvirt at {} runs {} guests under {}",
        uri,
        String.join(", ", probe.arches()),
        "kvm".equals(probe.domainType()) ? "KVM" : "QEMU's TCG emulator (no KVM here)");
    // a guest's NIC comes from the worker's network (a tap on the overlay), with the SLA's ports
    LibvirtSettings settings =
        LibvirtSettings.defaults(config.dataDir())
            .withUri(uri)
            .withNetwork(spec -> network.guestNic(spec.instanceId(), PublishedPorts.of(spec)));
    return List.of(nodeId -> new LibvirtRuntime(nodeId, settings));
  }
}
