package io.canopy.node.runtime.libvirt;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tail of a guest's serial console file: lines without the terminal's carriage returns. */
final class ConsoleLog {
  /** Reading more than this to find the last lines is pointless: consoles print short lines. */
  private static final long WINDOW = 1024 * 1024;

  private ConsoleLog() {}

  static List<String> tail(Path file, int lines) {
    if (lines <= 0 || !Files.isRegularFile(file)) {
      return List.of();
    }
    byte[] bytes;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, f.length() - WINDOW);
      bytes = new byte[(int) (f.length() - start)];
      f.seek(start);
      f.readFully(bytes);
    } catch (IOException e) {
      return List.of("(cannot read the console log " + file + ": " + e.getMessage() + ")");
    }
    String text = new String(bytes, StandardCharsets.UTF_8).replace("\r", "");
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.getLast().isEmpty()) {
      out.removeLast();
    }
    return out.size() > lines ? List.copyOf(out.subList(out.size() - lines, out.size())) : out;
  }
}
