package io.canopy.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The local container image tests run: {@code canopy-test/busybox}, made with {@code docker import}
 * from Debian's busybox-static, so no test ever pulls from a registry.
 */
public final class TestImages {
  public static final String BUSYBOX = "canopy-test/busybox:latest";

  private TestImages() {}

  /** Ensures the Docker engine answers and the busybox image exists; returns its name. */
  public static synchronized String busybox() {
    String docker = requireDocker();
    if (Commands.run(List.of(docker, "image", "inspect", BUSYBOX), 30).ok()) {
      return BUSYBOX;
    }
    Path rootfs = TempDirs.create("canopy-busybox-rootfs-");
    try {
      busyboxRootfs(rootfs);
      String importCommand =
          "tar -C '"
              + rootfs
              + "' -c . | '"
              + docker
              + "' import -c 'ENV PATH=/bin' -c 'CMD [\"/bin/sh\"]' - "
              + BUSYBOX;
      Commands.Result result = Commands.run(List.of("sh", "-c", importCommand), 120);
      // Another test JVM may have imported it at the same moment; only its absence is a failure.
      if (!result.ok() && !Commands.run(List.of(docker, "image", "inspect", BUSYBOX), 30).ok()) {
        throw new IllegalStateException("docker import of " + BUSYBOX + " failed: " + result);
      }
      return BUSYBOX;
    } finally {
      TempDirs.deleteQuietly(rootfs);
    }
  }

  /**
   * Writes a minimal root filesystem into {@code dir}: busybox-static as /bin/busybox with a
   * symlink per applet, /etc/passwd, /tmp and /www. Also used for initramfs images.
   */
  public static void busyboxRootfs(Path dir) {
    String busybox = Requirements.require("busybox", "Install it: apt-get install busybox-static");
    try {
      Path bin = Files.createDirectories(dir.resolve("bin"));
      Files.createDirectories(dir.resolve("tmp"));
      Files.createDirectories(dir.resolve("www"));
      Files.createDirectories(dir.resolve("etc"));
      Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
      Files.copy(Path.of(busybox), bin.resolve("busybox"));
      bin.resolve("busybox").toFile().setExecutable(true, false);
      String applets = Commands.check(List.of(busybox, "--list"), 10);
      for (String applet : applets.split("\\s+")) {
        if (!applet.isBlank() && !applet.equals("busybox")) {
          Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a busybox root filesystem to " + dir, e);
    }
  }

  /** The docker CLI's path, after checking the engine answers. */
  public static String requireDocker() {
    String docker = Requirements.require("docker", "Install it: apt-get install docker.io");
    Commands.Result info =
        Commands.run(List.of(docker, "info", "--format", "{{.ServerVersion}}"), 30);
    if (!info.ok()) {
      throw new AssertionError(
          "The Docker engine does not answer ("
              + info.output().strip()
              + "). Start it: dockerd > /var/log/dockerd.log 2>&1 & (scripts/test.sh does).");
    }
    return docker;
  }
}
