package io.canopy.root.auth;

import io.canopy.root.CanopyProperties;
import io.canopy.root.organization.Member;
import io.canopy.root.organization.OrganizationDocument;
import io.canopy.root.organization.OrganizationStore;
import io.canopy.root.user.Role;
import io.canopy.root.user.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On first start: the {@code root} organization and its user {@code Admin}. The password comes from
 * {@code CANOPY_ADMIN_PASSWORD}, else it is random, written once to {@code
 * <data-dir>/admin-password} (mode 0600) and printed once. There is no default password.
 */
@Component
class AdminBootstrap {
  static final String ADMIN = "Admin";
  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  AdminBootstrap(
      OrganizationStore organizations,
      UserStore users,
      PasswordEncoder passwords,
      CanopyProperties properties,
      Environment environment) {
    OrganizationDocument root = organizations.ensure(OrganizationDocument.ROOT);
    Path file = properties.dataDir().resolve("admin-password").toAbsolutePath();
    String fromEnv = environment.getProperty("CANOPY_ADMIN_PASSWORD");
    if (users.byName(root.id(), ADMIN).isPresent()) {
      log.info(
          "Log in as {} in organization {}; the password is {}",
          ADMIN,
          OrganizationDocument.ROOT,
          Files.exists(file)
              ? "in " + file
              : "the one set when the root first started (CANOPY_ADMIN_PASSWORD)");
      return;
    }
    String password = fromEnv != null && !fromEnv.isBlank() ? fromEnv : generated(file);
    var admin =
        new io.canopy.root.user.UserDocument(
            io.canopy.root.web.Ids.newId(),
            ADMIN,
            "",
            passwords.encode(password),
            List.of(Role.ADMIN),
            root.id(),
            Instant.now(),
            0);
    users.bootstrap(admin);
    organizations.addMember(root.id(), new Member(admin.id(), admin.roles()));
    if (fromEnv != null && !fromEnv.isBlank()) {
      log.info(
          "Created user {} in organization root with the password from CANOPY_ADMIN_PASSWORD",
          ADMIN);
    } else {
      log.warn(
          "Created user {} in organization root. Its password is in {} (mode 0600): {}",
          ADMIN,
          file,
          password);
    }
  }

  private static String generated(Path file) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file).strip();
      }
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      SecretFiles.writeOnce(file, password + "\n");
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin password to " + file, e);
    }
  }
}
