package io.canopy.node.runtime.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A guest's own directory under the run dir: its copy of the kernel and initrd (libvirt changes the
 * owner of the files it boots, and a cached file shared by two guests must not change hands while
 * one runs) and its serial console log. QEMU runs as libvirt's own user, so the directories are
 * traversable and the images readable by others; the console log is written by QEMU and read by the
 * node engine as root.
 */
final class GuestFiles {
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx--x--x");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");

  private final Path runDir;

  GuestFiles(Path runDir) {
    this.runDir = runDir.toAbsolutePath().normalize();
  }

  /** The files one guest boots from. */
  record Prepared(Path kernel, Path initrd, Path console) {}

  Prepared prepare(String domain, BootFiles boot) throws ImageFailure {
    try {
      createTraversable(runDir);
      requireTraversable(runDir);
      Path dir = dir(domain);
      KernelImages.deleteTree(dir); // a leftover of a crash between start and handle
      createTraversable(dir);
      Path kernel = copy(boot.kernel(), dir.resolve("kernel"));
      Path initrd = boot.initrd() == null ? null : copy(boot.initrd(), dir.resolve("initrd"));
      return new Prepared(kernel, initrd, console(domain));
    } catch (IOException e) {
      throw new ImageFailure("cannot prepare the guest's files in " + runDir + ": " + e, e);
    }
  }

  Path dir(String domain) {
    return runDir.resolve(domain);
  }

  Path console(String domain) {
    return dir(domain).resolve("console.log");
  }

  void remove(String domain) {
    KernelImages.deleteTree(dir(domain));
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(to, FILE);
    return to;
  }

  private static void createTraversable(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, DIR);
    }
  }

  /** Every directory above the guest files must let libvirt's QEMU user through. */
  private static void requireTraversable(Path dir) throws IOException, ImageFailure {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new ImageFailure(
            "libvirt's QEMU user cannot reach "
                + dir
                + ": "
                + p
                + " is not traversable by others (chmod o+x it, or choose another run dir)");
      }
    }
  }
}
