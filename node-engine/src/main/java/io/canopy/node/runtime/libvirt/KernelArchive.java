package io.canopy.node.runtime.libvirt;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Unpacks a unikernel archive: a gzip-compressed tar holding {@code kernel} and optionally {@code
 * initrd} and {@code cmdline} (at its top level, with or without {@code ./}). Only those three
 * regular files are written, under fixed names, so no entry name can reach outside the target
 * directory; other entries are skipped, unsafe names are refused, and the unpacked size is capped
 * (a small archive can inflate enormously).
 */
final class KernelArchive {
  static final Set<String> ENTRIES = Set.of("kernel", "initrd", "cmdline");
  private static final int BLOCK = 512;
  private static final long MAX_CMDLINE = 4096;

  private KernelArchive() {}

  /**
   * Unpacks {@code archive} into {@code dir}.
   *
   * @param source the URL, for error messages
   */
  static void unpack(Path archive, Path dir, long maxBytes, String source) throws ImageFailure {
    Set<String> seen = new HashSet<>();
    long total = 0;
    try (InputStream raw = Files.newInputStream(archive);
        InputStream in = gunzip(raw, source)) {
      byte[] header = new byte[BLOCK];
      while (true) {
        if (!readBlock(in, header)) {
          break; // end of stream without the two zero blocks: tolerated, like GNU tar does
        }
        if (allZero(header)) {
          break;
        }
        if (!checksumOk(header)) {
          throw new ImageFailure("the archive from " + source + " is not a tar archive");
        }
        String name = entryName(header);
        char type = (char) header[156];
        long size = octal(header, 124, 12);
        if (size < 0) {
          throw new ImageFailure("the archive from " + source + " has a malformed entry size");
        }
        String clean = name.startsWith("./") ? name.substring(2) : name;
        if (clean.startsWith("/") || ("/" + clean + "/").contains("/../")) {
          throw new ImageFailure(
              "the archive from " + source + " has an unsafe entry name: " + name);
        }
        boolean wanted = ENTRIES.contains(clean);
        if (wanted && type != '0' && type != '\0') {
          throw new ImageFailure(
              "'" + clean + "' in the archive from " + source + " is not a regular file");
        }
        if (wanted) {
          if (!seen.add(clean)) {
            throw new ImageFailure("the archive from " + source + " holds '" + clean + "' twice");
          }
          if (clean.equals("cmdline") && size > MAX_CMDLINE) {
            throw new ImageFailure("'cmdline' in the archive from " + source + " is too long");
          }
          total += size;
          if (total > maxBytes) {
            throw new ImageFailure(
                "the archive from " + source + " unpacks to more than " + maxBytes + " bytes");
          }
          Path target = dir.resolve(clean);
          try (OutputStream out = Files.newOutputStream(target)) {
            copy(in, out, size);
          }
          skip(in, pad(size));
        } else {
          skip(in, size + pad(size)); // directories, pax headers, anything else: not ours
        }
      }
    } catch (EOFException e) {
      throw new ImageFailure("the archive from " + source + " is truncated", e);
    } catch (ZipException e) {
      throw new ImageFailure("the archive from " + source + " is corrupt: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ImageFailure("cannot unpack the archive from " + source + ": " + e, e);
    }
    if (!seen.contains("kernel")) {
      throw new ImageFailure("the archive from " + source + " has no 'kernel' entry");
    }
  }

  private static InputStream gunzip(InputStream raw, String source)
      throws IOException, ImageFailure {
    try {
      return new GZIPInputStream(raw, 64 * 1024);
    } catch (ZipException | EOFException e) {
      throw new ImageFailure("the archive from " + source + " is not gzip-compressed", e);
    }
  }

  private static String entryName(byte[] h) {
    String name = text(h, 0, 100);
    boolean ustar = text(h, 257, 5).equals("ustar");
    String prefix = ustar ? text(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String text(byte[] h, int offset, int length) {
    int end = offset;
    while (end < offset + length && h[end] != 0) {
      end++;
    }
    return new String(h, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** A tar number: octal digits, or GNU's base-256 form (high bit set) for huge sizes. */
  private static long octal(byte[] h, int offset, int length) {
    if ((h[offset] & 0x80) != 0) {
      return -1; // base-256 means > 8 GB: far beyond any limit
    }
    String digits = text(h, offset, length).trim();
    if (digits.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean checksumOk(byte[] h) {
    long stored = octal(h, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    return stored == sum;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static long pad(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException();
    }
    return true;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException();
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException();
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }
}
