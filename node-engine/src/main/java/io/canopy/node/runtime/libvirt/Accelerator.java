package io.canopy.node.runtime.libvirt;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

/**
 * Whether guests run under KVM or under QEMU's TCG emulator. KVM needs both the device and the
 * CPU's virtualization extensions: {@code /dev/kvm} can exist on hosts (nested VMs, containers)
 * whose CPU lacks vmx/svm, and a domain of type {@code kvm} then fails to start.
 */
final class Accelerator {
  private static final Pattern X86_FLAGS = Pattern.compile("(?m)^flags\\s*:");
  private static final Pattern VIRT_FLAGS = Pattern.compile("(?m)^flags\\s*:.*\\b(vmx|svm)\\b");

  private Accelerator() {}

  /** The libvirt domain type to use on this host: {@code kvm} or {@code qemu}. */
  static String domainType(Path dev, Path cpuinfo) {
    return kvmUsable(dev, cpuinfo) ? "kvm" : "qemu";
  }

  static String domainType() {
    return domainType(Path.of("/dev/kvm"), Path.of("/proc/cpuinfo"));
  }

  static boolean kvmUsable(Path dev, Path cpuinfo) {
    try (FileChannel ignored =
        FileChannel.open(dev, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      String cpus = Files.readString(cpuinfo);
      // only x86 lists "flags"; elsewhere (arm64) an openable /dev/kvm is the whole answer
      return !X86_FLAGS.matcher(cpus).find() || VIRT_FLAGS.matcher(cpus).find();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
