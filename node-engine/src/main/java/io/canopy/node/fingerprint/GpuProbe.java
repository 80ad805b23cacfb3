package io.canopy.node.fingerprint;

import io.canopy.wire.node.Fingerprint;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NVIDIA GPUs as {@code nvidia-smi} reports them. Hosts without {@code nvidia-smi} on the PATH have
 * no GPUs, and the probe then never forks a process again.
 */
public final class GpuProbe {
  private static final Logger log = LoggerFactory.getLogger(GpuProbe.class);
  private static final String QUERY = "--query-gpu=name,memory.total,memory.free,utilization.gpu";

  private final String nvidiaSmi;

  public GpuProbe() {
    this(findOnPath("nvidia-smi"));
  }

  GpuProbe(String nvidiaSmi) {
    this.nvidiaSmi = nvidiaSmi;
  }

  public List<Fingerprint.Gpu> gpus() {
    if (nvidiaSmi == null) {
      return List.of();
    }
    try {
      Process p =
          new ProcessBuilder(nvidiaSmi, QUERY, "--format=csv,noheader,nounits")
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return List.of();
      }
      return parse(out);
    } catch (IOException e) {
      log.debug("nvidia-smi failed: {}", e.getMessage());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** Parses {@code name, total MiB, free MiB, util %} lines. */
  static List<Fingerprint.Gpu> parse(String csv) {
    List<Fingerprint.Gpu> out = new ArrayList<>();
    for (String line : csv.split("\n")) {
      String[] f = line.split(",");
      if (f.length < 4) {
        continue;
      }
      try {
        out.add(
            new Fingerprint.Gpu(
                f[0].trim(),
                Long.parseLong(f[1].trim()),
                Long.parseLong(f[2].trim()),
                Double.parseDouble(f[3].trim())));
      } catch (NumberFormatException e) {
        // "[N/A]" fields on some boards: such a line is not a usable GPU report
      }
    }
    return out;
  }

  private static String findOnPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, command);
      if (f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
