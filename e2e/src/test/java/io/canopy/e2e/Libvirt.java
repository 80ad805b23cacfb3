package io.canopy.e2e;

import io.canopy.testsupport.Commands;
import io.canopy.testsupport.TestKernels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** What libvirtd and the kernel themselves say, to check Canopy's unikernel claims against. */
final class Libvirt {
  private Libvirt() {}

  /** The names of every domain libvirtd knows, running or not ({@code virsh list --all}). */
  static List<String> domains() {
    String out =
        Commands.check(
            List.of("virsh", "-c", TestKernels.SYSTEM_URI, "list", "--all", "--name"), 30);
    return Arrays.stream(out.split("\\s+")).filter(s -> !s.isBlank()).toList();
  }

  /**
   * The tap device of an instance's guest: {@code canopyt} and 8 hex digits of the SHA-256 of the
   * instance id, as docs/networking.md specifies.
   */
  static String tapOf(String instanceId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(instanceId.getBytes(StandardCharsets.UTF_8));
      return "canopyt" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether a network interface of that name exists in this (the host's) namespace. */
  static boolean interfaceExists(String name) {
    return Commands.run(List.of("ip", "link", "show", "dev", name), 10).ok();
  }

  /** Whether a network interface of that name exists in the network namespace {@code ns}. */
  static boolean interfaceExists(String ns, String name) {
    return Commands.run(List.of("ip", "-n", ns, "link", "show", "dev", name), 10).ok();
  }

  /** Destroys and undefines the domains whose name ends with {@code suffix} (test clean-up). */
  static void removeDomainsEndingWith(String suffix) {
    for (String domain : domains()) {
      if (domain.startsWith("canopy-") && domain.endsWith(suffix)) {
        Commands.run(List.of("virsh", "-c", TestKernels.SYSTEM_URI, "destroy", domain), 30);
        Commands.run(List.of("virsh", "-c", TestKernels.SYSTEM_URI, "undefine", domain), 30);
      }
    }
  }
}
