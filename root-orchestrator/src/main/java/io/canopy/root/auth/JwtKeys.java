package io.canopy.root.auth;

import io.canopy.root.CanopyProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The RS256 key pair that signs every token. Created on first start and kept in the data directory
 * (mode 0600), so tokens stay valid across restarts.
 */
@Component
class JwtKeys {
  private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);
  private static final String FILE = "jwt-signing-key.pem";

  private final KeyPair pair;

  JwtKeys(CanopyProperties properties) {
    this.pair = loadOrCreate(properties.dataDir().resolve(FILE));
  }

  KeyPair pair() {
    return pair;
  }

  private static KeyPair loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return read(file);
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair created = generator.generateKeyPair();
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(created.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      SecretFiles.writeOnce(file, pem);
      log.info("Created the token signing key {}", file.toAbsolutePath());
      return created;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the token signing key in " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot use the token signing key in " + file, e);
    }
  }

  private static KeyPair read(Path file) throws IOException, GeneralSecurityException {
    String body =
        Files.readString(file)
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey key =
        (RSAPrivateCrtKey)
            rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    var publicKey =
        rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    return new KeyPair(publicKey, key);
  }
}
