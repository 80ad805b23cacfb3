package io.canopy.node.runtime.libvirt;

import io.canopy.node.fingerprint.HostProbe;
import java.util.List;
import java.util.Locale;

/**
 * Architecture names: SLAs and fingerprints use Go's ({@code amd64}, {@code arm64}), libvirt and
 * QEMU use the kernel's ({@code x86_64}, {@code aarch64}). Guests run the host's architecture only
 * (KVM cannot do otherwise, and emulating a foreign one under TCG is too slow to offer).
 */
final class Arches {
  private Arches() {}

  /** Go naming for any spelling: {@code x86_64} and {@code amd64} are both {@code amd64}. */
  static String goName(String any) {
    return HostProbe.goArch(any.trim());
  }

  /** libvirt's name for a Go-named architecture. */
  static String libvirtName(String goArch) {
    return switch (goName(goArch)) {
      case "amd64" -> "x86_64";
      case "arm64" -> "aarch64";
      case "386" -> "i686";
      case "arm" -> "armv7l";
      default -> goArch.toLowerCase(Locale.ROOT);
    };
  }

  /** The host's architecture in Go naming. */
  static String host() {
    return goName(System.getProperty("os.arch"));
  }

  /**
   * The machine type for the architecture: {@code pc} on x86 (SeaBIOS boots multiboot and Linux
   * kernels directly, and its ACPI ports let a guest power off), {@code virt} on ARM.
   */
  static String machine(String goArch) {
    return switch (goName(goArch)) {
      case "amd64", "386" -> "pc";
      default -> "virt";
    };
  }

  /**
   * The Go-named architectures libvirt can run guests of, among those this runtime boots: the
   * host's, when the capabilities XML lists a guest of that architecture.
   */
  static List<String> runnable(String capabilitiesXml, String hostGoArch) {
    String name = "<arch name='" + libvirtName(hostGoArch) + "'>";
    String alt = "<arch name=\"" + libvirtName(hostGoArch) + "\">";
    return capabilitiesXml.contains(name) || capabilitiesXml.contains(alt)
        ? List.of(goName(hostGoArch))
        : List.of();
  }
}
