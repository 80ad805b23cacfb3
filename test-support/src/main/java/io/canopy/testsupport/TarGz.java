package io.canopy.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes .tar.gz archives in memory, including malformed ones the runtime must refuse. */
public final class TarGz {
  private final Map<String, byte[]> entries = new LinkedHashMap<>();
  private final Map<String, Character> types = new LinkedHashMap<>();

  public TarGz add(String name, byte[] content) {
    entries.put(name, content);
    types.put(name, '0');
    return this;
  }

  public TarGz add(String name, String content) {
    return add(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** A symbolic link to /etc/passwd, which an unpacker must refuse to follow. */
  public TarGz symlink(String name) {
    entries.put(name, new byte[0]);
    types.put(name, '2');
    return this;
  }

  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      for (var e : entries.entrySet()) {
        gz.write(header(e.getKey(), e.getValue().length, types.get(e.getKey())));
        gz.write(e.getValue());
        gz.write(new byte[(512 - e.getValue().length % 512) % 512]);
      }
      gz.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] header(String name, long size, char type) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, String.format("%011o", 0L));
    h[156] = (byte) type;
    if (type == '2') {
      put(h, 157, "/etc/passwd");
    }
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int offset, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, offset, b.length);
  }
}
