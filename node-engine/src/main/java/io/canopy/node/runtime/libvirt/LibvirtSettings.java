package io.canopy.node.runtime.libvirt;

import io.canopy.node.runtime.GuestNic;
import io.canopy.wire.InstanceSpec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the unikernel runtime is set up.
 *
 * @param uri libvirt's connection URI, {@code qemu:///system}
 * @param cacheDir where downloaded kernel archives are kept, unpacked (kept across undeploys)
 * @param runDir where each guest's copy of its kernel and its console log live while it exists;
 *     libvirt's QEMU user must be able to traverse every directory above it
 * @param maxImageBytes the largest archive (and unpacked content) accepted
 * @param downloadTimeout how long one archive download may take
 * @param network gives each guest its NIC (a tap and its addressing), or none
 */
public record LibvirtSettings(
    String uri,
    Path cacheDir,
    Path runDir,
    long maxImageBytes,
    Duration downloadTimeout,
    GuestNetwork network) {

  public static final String SYSTEM_URI = "qemu:///system";
  public static final long DEFAULT_MAX_IMAGE_BYTES = 256L * 1024 * 1024;

  /** libvirt's own image directory: traversable by its QEMU user on every distribution. */
  public static final Path DEFAULT_RUN_DIR = Path.of("/var/lib/libvirt/images/canopy");

  /** The defaults: cache under the node's data dir, guests without a NIC. */
  public static LibvirtSettings defaults(Path dataDir) {
    return new LibvirtSettings(
        SYSTEM_URI,
        dataDir.resolve("unikernel-cache"),
        DEFAULT_RUN_DIR,
        DEFAULT_MAX_IMAGE_BYTES,
        Duration.ofMinutes(5),
        GuestNetwork.NONE);
  }

  /** Guests get the NIC {@code guests} gives them. */
  public LibvirtSettings withNetwork(GuestNetwork guests) {
    return new LibvirtSettings(uri, cacheDir, runDir, maxImageBytes, downloadTimeout, guests);
  }

  public LibvirtSettings withUri(String libvirtUri) {
    return new LibvirtSettings(
        libvirtUri, cacheDir, runDir, maxImageBytes, downloadTimeout, network);
  }

  public LibvirtSettings withMaxImageBytes(long bytes) {
    return new LibvirtSettings(uri, cacheDir, runDir, bytes, downloadTimeout, network);
  }

  public LibvirtSettings withRunDir(Path dir) {
    return new LibvirtSettings(uri, cacheDir, dir, maxImageBytes, downloadTimeout, network);
  }

  /** The network side of a guest: its NIC, made before the guest starts. */
  @FunctionalInterface
  public interface GuestNetwork {
    /**
     * The NIC of this instance's guest (its tap exists on return), or null for a guest without one.
     *
     * @throws RuntimeException when the guest cannot get one; the start fails with the message
     */
    GuestNic nicFor(InstanceSpec spec);

    GuestNetwork NONE = spec -> null;
  }
}
