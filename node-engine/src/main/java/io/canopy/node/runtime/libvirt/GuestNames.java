package io.canopy.node.runtime.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The names a guest gets on this host, derived from its instance id: the libvirt domain and its MAC
 * address (its tap device is the net manager's, {@code canopyt…}).
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
