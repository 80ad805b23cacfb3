package io.canopy.cluster.root;

import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterRegistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The id and credential the root gave this cluster, kept in {@code <data-dir>/root-identity.json}
 * (mode 0600): a restarted cluster reconnects with them instead of registering again.
 */
final class RootIdentity {
  private final Path file;

  RootIdentity(Path dataDir) {
    this.file = dataDir.resolve("root-identity.json");
  }

  Optional<ClusterRegistration.Accepted> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          WireJson.mapper().readValue(Files.readString(file), ClusterRegistration.Accepted.class));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          file + " is unreadable; remove it to register the cluster again", e);
    }
  }

  void save(ClusterRegistration.Accepted identity) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, WireJson.mapper().writeValueAsString(identity));
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the data dir's own permissions must protect it
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the cluster's identity in " + file, e);
    }
  }

  void forget() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
  }
}
