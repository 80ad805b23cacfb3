package io.canopy.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes an initramfs: a cpio archive in the kernel's "newc" format of a directory tree, plus a
 * {@code /dev/console} device node (which needs no mknod on the host: the kernel opens it for
 * init's output before anything is mounted).
 */
public final class Cpio {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int inode = 1;

  private Cpio() {}

  /** The initramfs of the tree at {@code root}. */
  public static byte[] initramfs(Path root) {
    Cpio cpio = new Cpio();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted().toList()) {
        String name = root.relativize(p).toString();
        if (name.isEmpty()) {
          continue;
        }
        if (Files.isSymbolicLink(p)) {
          cpio.entry(name, 0120777, Files.readSymbolicLink(p).toString().getBytes(), 0, 0);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          cpio.entry(name, 040755, new byte[0], 0, 0);
        } else {
          int mode = Files.isExecutable(p) ? 0100755 : 0100644;
          cpio.entry(name, mode, Files.readAllBytes(p), 0, 0);
        }
      }
      if (!Files.isDirectory(root.resolve("dev"))) {
        cpio.entry("dev", 040755, new byte[0], 0, 0);
      }
      cpio.entry("dev/console", 020600, new byte[0], 5, 1);
      cpio.entry("TRAILER!!!", 0, new byte[0], 0, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cpio.out.toByteArray();
  }

  private void entry(String name, int mode, byte[] data, int rdevMajor, int rdevMinor) {
    byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
    List<Integer> fields =
        List.of(
            inode++,
            mode,
            0,
            0,
            1,
            0,
            data.length,
            0,
            0,
            rdevMajor,
            rdevMinor,
            nameBytes.length,
            0);
    StringBuilder h = new StringBuilder("070701");
    fields.forEach(f -> h.append(String.format("%08x", f)));
    out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(nameBytes);
    pad();
    out.writeBytes(data);
    pad();
  }

  private void pad() {
    while (out.size() % 4 != 0) {
      out.write(0);
    }
  }
}
