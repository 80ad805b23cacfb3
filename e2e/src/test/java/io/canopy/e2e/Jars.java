package io.canopy.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the tiers' runnable jars, which the reactor packages before this module runs. */
final class Jars {
  private Jars() {}

  static Path repo() {
    return Path.of(System.getProperty("canopy.repo", "..")).toAbsolutePath().normalize();
  }

  /** The runnable jar of {@code module} whose file name ends with {@code suffix}. */
  static Path of(String module, String suffix) {
    Path target = repo().resolve(module).resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(module + "-"))
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .findFirst()
          .orElseThrow(() -> missing(module, suffix));
    } catch (IOException e) {
      throw missing(module, suffix);
    }
  }

  private static AssertionError missing(String module, String suffix) {
    return new AssertionError(
        "No *"
            + suffix
            + " in "
            + module
            + "/target: build the tiers first (mvn -B verify from the repository root builds them"
            + " before e2e, or mvn -B package -DskipTests -pl "
            + module
            + ")");
  }

  /** The java launcher of the JDK running this test, so the tiers run on the same JDK. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
