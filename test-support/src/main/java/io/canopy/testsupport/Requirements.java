package io.canopy.testsupport;

import java.io.File;
import java.util.Optional;

/**
 * Finds the real parts tests need. A missing part fails the test with the command that installs it:
 * tests never skip silently (scripts/test.sh installs everything on a fresh machine).
 */
public final class Requirements {
  private Requirements() {}

  /** The absolute path of {@code command}, or an AssertionError naming how to install it. */
  public static String require(String command, String howToInstall) {
    return find(command)
        .orElseThrow(
            () ->
                new AssertionError(
                    "'"
                        + command
                        + "' is needed by this test but is not installed. "
                        + howToInstall
                        + " (scripts/test.sh installs it on Debian)."));
  }

  /** The absolute path of {@code command} on PATH or in the sbin folders, if any. */
  public static Optional<String> find(String command) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/local/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir, command);
      if (!dir.isEmpty() && candidate.isFile() && candidate.canExecute()) {
        return Optional.of(candidate.getAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /** Fails unless the JVM runs as root (kernel networking, libvirt). */
  public static void requireRoot(String why) {
    String user = System.getProperty("user.name");
    if (!"root".equals(user)) {
      throw new AssertionError(
          why + " needs root; run the tests as root (sudo scripts/test.sh). Running as: " + user);
    }
  }
}
