package io.canopy.cluster.node;

import io.canopy.cluster.ClusterProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The cluster admin credential that guards join-token creation: {@code CANOPY_CLUSTER_ADMIN_TOKEN}
 * when set, else a random one created once in {@code <data-dir>/admin-token} (mode 0600), so only
 * whoever can read the cluster's data dir can add workers.
 */
@Component
public class AdminToken {
  private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

  private final String token;

  AdminToken(ClusterProperties properties) {
    String fromEnv = System.getenv("CANOPY_CLUSTER_ADMIN_TOKEN");
    this.token =
        fromEnv != null && !fromEnv.isBlank()
            ? fromEnv.strip()
            : fromFile(properties.dataDir().resolve("admin-token"));
  }

  public boolean matches(String bearer) {
    return Secrets.same(token, bearer);
  }

  private static String fromFile(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      String created = Secrets.random();
      Files.writeString(file, created + "\n");
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        log.warn("cannot restrict {} to its owner on this file system", file);
      }
      log.info("Created the cluster admin token in {}", file.toAbsolutePath());
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token " + file, e);
    }
  }
}
