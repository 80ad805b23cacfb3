package io.canopy.node.instance;

import io.canopy.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instance handles in {@code <data-dir>/instances/<id>.json}, written atomically, so a restarted
 * engine knows what it ran and reattaches instead of restarting.
 */
final class HandleStore {
  private static final Logger log = LoggerFactory.getLogger(HandleStore.class);
  private final Path dir;

  HandleStore(Path dataDir) {
    this.dir = dataDir.resolve("instances");
  }

  void save(StoredInstance instance) {
    try {
      Files.createDirectories(dir);
      Path file = file(instance.instanceId());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, WireJson.mapper().writeValueAsString(instance));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the handle of " + instance.instanceId(), e);
    }
  }

  void delete(String instanceId) {
    try {
      Files.deleteIfExists(file(instanceId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the handle of " + instanceId, e);
    }
  }

  List<StoredInstance> loadAll() {
    List<StoredInstance> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : files) {
        try {
          out.add(WireJson.mapper().readValue(Files.readString(f), StoredInstance.class));
        } catch (IOException | RuntimeException e) {
          // one unreadable file must not keep the engine from reattaching the others
          log.warn("ignoring unreadable instance handle {}: {}", f, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return out;
  }

  private Path file(String instanceId) {
    return dir.resolve(instanceId.replaceAll("[^A-Za-z0-9_.-]", "_") + ".json");
  }
}
