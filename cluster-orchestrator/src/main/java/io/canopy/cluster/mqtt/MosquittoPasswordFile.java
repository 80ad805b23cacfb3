package io.canopy.cluster.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a Mosquitto {@code password_file} with every worker's current MQTT password, so an external
 * Mosquitto admits exactly the registered workers. Entries use Mosquitto 2's own format ({@code
 * $7$}: PBKDF2-HMAC-SHA512, 101 iterations, 12-byte salt), as {@code mosquitto_passwd} writes them;
 * after each change the configured reload command (e.g. {@code kill -HUP $(pidof mosquitto)}) makes
 * Mosquitto read the file again.
 */
final class MosquittoPasswordFile {
  private static final Logger log = LoggerFactory.getLogger(MosquittoPasswordFile.class);
  private static final int ITERATIONS = 101;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path file;
  private final String reloadCommand;

  MosquittoPasswordFile(Path file, String reloadCommand) {
    this.file = file;
    this.reloadCommand = reloadCommand;
  }

  /** Adds or replaces the user's entry and reloads the broker. */
  synchronized void put(String user, String password) {
    Map<String, String> entries = read();
    entries.put(user, hash(password));
    write(entries);
    reload();
  }

  /** Puts the user's entry if it is missing or has another password. */
  synchronized void ensure(String user, String password) {
    String existing = read().get(user);
    if (existing == null || !matches(existing, password)) {
      put(user, password);
    }
  }

  static String hash(String password) {
    byte[] salt = new byte[12];
    RANDOM.nextBytes(salt);
    return "$7$" + ITERATIONS + "$" + b64(salt) + "$" + b64(pbkdf2(password, salt, ITERATIONS));
  }

  static boolean matches(String entry, String password) {
    String[] parts = entry.split("\\$");
    if (parts.length != 5 || !parts[1].equals("7")) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(parts[3]);
    byte[] expected = Base64.getDecoder().decode(parts[4]);
    return java.security.MessageDigest.isEqual(
        expected, pbkdf2(password, salt, Integer.parseInt(parts[2])));
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 512);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA512", e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private Map<String, String> read() {
    Map<String, String> entries = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return entries;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          entries.put(line.substring(0, colon), line.substring(colon + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Mosquitto password file " + file, e);
    }
    return entries;
  }

  private void write(Map<String, String> entries) {
    StringBuilder text = new StringBuilder();
    entries.forEach((user, hash) -> text.append(user).append(':').append(hash).append('\n'));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".canopy-passwd", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      // Mosquitto reads the file as its own user: keep the mode the operator gave the file, and
      // make a new one readable (it holds only salted PBKDF2 hashes).
      Files.setPosixFilePermissions(
          tmp,
          Files.exists(file)
              ? Files.getPosixFilePermissions(file)
              : PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Mosquitto password file " + file, e);
    }
  }

  private void reload() {
    if (reloadCommand == null || reloadCommand.isBlank()) {
      return;
    }
    try {
      Process p = new ProcessBuilder("sh", "-c", reloadCommand).inheritIO().start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        log.warn("the broker reload command '{}' did not succeed", reloadCommand);
      }
    } catch (IOException e) {
      log.warn("cannot run the broker reload command '{}': {}", reloadCommand, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
