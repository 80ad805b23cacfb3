package io.canopy.cluster.node;

import io.canopy.cluster.ClusterProperties;
import java.time.Clock;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * Worker join tokens. A token may register any number of workers until it expires (like a
 * Kubernetes bootstrap token), so one install command serves a whole batch of devices; only its
 * hash is stored.
 */
@Component
class JoinTokens {
  private final MongoTemplate mongo;
  private final ClusterProperties properties;
  private final Clock clock;

  JoinTokens(MongoTemplate mongo, ClusterProperties properties, Clock clock) {
    this.mongo = mongo;
    this.properties = properties;
    this.clock = clock;
  }

  record Issued(String token, Instant expiresAt) {}

  @Document("join_tokens")
  record JoinToken(@Id String hash, Instant createdAt, Instant expiresAt) {}

  Issued create() {
    String token = Secrets.random();
    Instant now = clock.instant();
    Instant expires = now.plus(properties.timing().joinTokenTtl());
    mongo.save(new JoinToken(Secrets.sha256(token), now, expires));
    return new Issued(token, expires);
  }

  boolean valid(String token) {
    if (token == null || token.isBlank()) {
      return false;
    }
    JoinToken found = mongo.findById(Secrets.sha256(token.strip()), JoinToken.class);
    return found != null && found.expiresAt().isAfter(clock.instant());
  }
}
