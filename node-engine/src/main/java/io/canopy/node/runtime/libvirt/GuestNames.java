package io.canopy.node.runtime.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names a guest gets on this host, all derived from its instance id so that the net manager can
 * compute them too: the libvirt domain, its tap device and its MAC address.
 */
public final class GuestNames {
  /** Every Canopy domain's name starts with this; {@code recover()} looks at no other domain. */
  public static final String PREFIX = "canopy-";

  private GuestNames() {}

  /**
   * {@code canopy-<instance>-<node suffix>}: readable in {@code virsh list}, and unique even when
   * several engines share one libvirtd and a stale copy of an instance still exists on another node
   * (the Docker runtime names containers the same way).
   */
  public static String domain(String instanceId, String nodeId) {
    String node = nodeId.replaceAll("[^a-zA-Z0-9_.-]", "");
    if (node.length() > 8) {
      node = node.substring(node.length() - 8);
    }
    return PREFIX + instanceId.replaceAll("[^a-zA-Z0-9_.-]", "") + "-" + node;
  }

  /** The tap device on the Canopy bridge: 15 characters, the kernel's limit for interfaces. */
  public static String tap(String instanceId) {
    return "cnk" + HexFormat.of().formatHex(digest(instanceId), 0, 6);
  }

  /** A locally administered MAC in QEMU's 52:54:00 range, stable across restarts. */
  public static String mac(String instanceId) {
    byte[] d = digest(instanceId);
    return String.format("52:54:00:%02x:%02x:%02x", d[0] & 0xff, d[1] & 0xff, d[2] & 0xff);
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
