package io.canopy.node.runtime.libvirt;

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
 * @param bridge the bridge guests' NICs join (the net manager's), or null for guests without a NIC
 * @param addresses the instance IP to hand a guest on its kernel command line
 */
public record LibvirtSettings(
    String uri,
    Path cacheDir,
    Path runDir,
    long maxImageBytes,
    Duration downloadTimeout,
    String bridge,
    GuestAddresses addresses) {

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
        null,
        GuestAddresses.NONE);
  }

  /** Guests get a NIC on {@code bridgeName} and the address {@code addressing} gives them. */
  public LibvirtSettings withNetwork(String bridgeName, GuestAddresses addressing) {
    return new LibvirtSettings(
        uri, cacheDir, runDir, maxImageBytes, downloadTimeout, bridgeName, addressing);
  }

  public LibvirtSettings withUri(String libvirtUri) {
    return new LibvirtSettings(
        libvirtUri, cacheDir, runDir, maxImageBytes, downloadTimeout, bridge, addresses);
  }

  public LibvirtSettings withMaxImageBytes(long bytes) {
    return new LibvirtSettings(uri, cacheDir, runDir, bytes, downloadTimeout, bridge, addresses);
  }

  public LibvirtSettings withRunDir(Path dir) {
    return new LibvirtSettings(
        uri, cacheDir, dir, maxImageBytes, downloadTimeout, bridge, addresses);
  }

  /** The instance IP a guest is told on its kernel command line ({@code canopy.ip=…}). */
  @FunctionalInterface
  public interface GuestAddresses {
    /**
     * The address (optionally with a prefix length, {@code 10.19.1.5/24}) for this instance, or
     * null when it gets none.
     */
    String ipOf(InstanceSpec spec);

    GuestAddresses NONE = spec -> null;
  }
}
