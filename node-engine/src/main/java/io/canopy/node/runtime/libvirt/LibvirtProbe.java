package io.canopy.node.runtime.libvirt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether this worker can run unikernels: libvirtd answers at the URI and can run guests of the
 * host's architecture. Asked once when the node engine starts. For a local {@code qemu:///system}
 * the daemon's socket is looked for first, so a worker without libvirt never loads libvirt's
 * binding and JNA (several MB of a small worker's memory): this class names no libvirt type, the
 * daemon is asked by {@link DaemonProbe}.
 */
public final class LibvirtProbe {
  /** libvirtd's socket, or virtqemud's where libvirt runs as modular daemons. */
  static final List<Path> SYSTEM_SOCKETS =
      List.of(Path.of("/run/libvirt/libvirt-sock"), Path.of("/run/libvirt/virtqemud-sock"));

  private LibvirtProbe() {}

  /**
   * What the probe found.
   *
   * @param arches the architectures (Go naming) guests can have here; empty when not usable
   * @param domainType {@code kvm} or {@code qemu} (TCG)
   * @param whyNot why unikernels cannot run here, null when they can
   */
  public record Result(List<String> arches, String domainType, String whyNot) {
    public boolean usable() {
      return whyNot == null;
    }
  }

  public static Result probe(String uri) {
    return probe(uri, SYSTEM_SOCKETS);
  }

  static Result probe(String uri, List<Path> systemSockets) {
    if (uri.equals(LibvirtSettings.SYSTEM_URI) && systemSockets.stream().noneMatch(Files::exists)) {
      return new Result(
          List.of(),
          null,
          "libvirtd is not running (no "
              + systemSockets.getFirst()
              + "); start it (libvirtd -d, or systemctl start libvirtd) and restart the node"
              + " engine");
    }
    try {
      return DaemonProbe.probe(uri);
    } catch (LinkageError e) {
      // JNA found no libvirt.so.0: the daemon may run elsewhere, but this host lacks the client
      return new Result(
          List.of(),
          null,
          "libvirt's client library cannot be loaded ("
              + e.getMessage()
              + "); install it: apt-get install libvirt0");
    }
  }
}
