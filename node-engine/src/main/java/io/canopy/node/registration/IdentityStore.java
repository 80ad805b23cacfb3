package io.canopy.node.registration;

import io.canopy.wire.WireJson;
import io.canopy.wire.node.NodeRegistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The node's id and MQTT credentials in {@code <data-dir>/node.json}, readable by its owner only: a
 * restarted engine keeps its id and can reach the broker even while the cluster's HTTP API is down.
 */
public final class IdentityStore {
  private final Path file;

  public IdentityStore(Path dataDir) {
    this.file = dataDir.resolve("node.json");
  }

  public Optional<NodeRegistration.Accepted> load() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          WireJson.mapper().readValue(Files.readString(file), NodeRegistration.Accepted.class));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the node identity "
              + file
              + " ("
              + e.getMessage()
              + "); delete it to join anew",
          e);
    }
  }

  public void save(NodeRegistration.Accepted identity) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("node.json.tmp");
      Files.writeString(tmp, WireJson.mapper().writeValueAsString(identity));
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows-like file systems: the data dir's own permissions protect it
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the node identity " + file, e);
    }
  }
}
