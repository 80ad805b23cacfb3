package io.canopy.e2e.ops;

import java.nio.file.Path;

/** Where the operations files live: the repository that failsafe names in {@code canopy.repo}. */
public final class OpsFiles {
  private OpsFiles() {}

  public static Path repo() {
    return Path.of(System.getProperty("canopy.repo", "..")).toAbsolutePath().normalize();
  }

  public static Path dockerCompose() {
    return repo().resolve("docker-compose");
  }

  public static Path script(String name) {
    return repo().resolve("scripts").resolve(name);
  }
}
