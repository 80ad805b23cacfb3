package io.canopy.root;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the root keeps what must survive a restart: the store (when embedded), the JWT key pair and
 * the first admin password.
 */
@ConfigurationProperties("canopy")
public record CanopyProperties(@DefaultValue("./var/root") Path dataDir) {}
