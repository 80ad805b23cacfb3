package io.canopy.root.cluster;

import io.canopy.core.placement.GeoPoint;
import io.canopy.root.web.ApiProblem;
import io.canopy.root.web.Ids;
import io.canopy.root.web.ProblemType;
import io.canopy.wire.cluster.ClusterRegistration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** Registration tokens and cluster registration. */
@Component
class ClusterRegistry {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]{1,30}");

  private final ClusterStore clusters;
  private final ClusterProperties properties;

  ClusterRegistry(ClusterStore clusters, ClusterProperties properties) {
    this.clusters = clusters;
    this.properties = properties;
  }

  record IssuedToken(String token, Instant expiresAt) {}

  IssuedToken issueToken(String createdBy) {
    String token = Secrets.random("ct_");
    Instant now = Instant.now();
    Instant expires = now.plus(properties.registrationTokenLifetime());
    clusters.insertToken(
        new ClusterTokenDocument(Ids.newId(), Secrets.hash(token), createdBy, now, expires));
    return new IssuedToken(token, expires);
  }

  ClusterRegistration.Accepted register(ClusterRegistration body) {
    Optional<ClusterTokenDocument> token =
        Optional.ofNullable(body.token())
            .filter(t -> !t.isBlank())
            .flatMap(t -> clusters.tokenByHash(Secrets.hash(t)))
            .filter(t -> t.expiresAt().isAfter(Instant.now()));
    if (token.isEmpty()) {
      throw new ApiProblem(
          ProblemType.INVALID_TOKEN,
          "the registration token is unknown or expired; create one with POST /api/clusters/tokens");
    }
    String name = body.clusterName();
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiProblem.invalid("cluster_name", "must be 1–30 letters, digits or '-'");
    }
    if (body.location() == null || GeoPoint.parse(body.location()).isEmpty()) {
      throw ApiProblem.invalid(
          "location", "must be \"latitude,longitude\" in decimal degrees, e.g. \"48.14,11.58\"");
    }
    if (clusters.byName(name).isPresent()) {
      throw ApiProblem.conflict("cluster_name", "a cluster named " + name + " is registered");
    }
    String credential = Secrets.random("cc_");
    ClusterDocument cluster =
        new ClusterDocument(
            Ids.newId(),
            name,
            body.location().strip(),
            Secrets.hash(credential),
            Instant.now(),
            null,
            null,
            0);
    try {
      clusters.insert(cluster);
    } catch (DuplicateKeyException raced) {
      throw ApiProblem.conflict("cluster_name", "a cluster named " + name + " is registered");
    }
    return new ClusterRegistration.Accepted(cluster.id(), credential);
  }
}
