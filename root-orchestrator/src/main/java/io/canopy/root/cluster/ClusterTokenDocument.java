package io.canopy.root.cluster;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A cluster registration token, kept as a hash; usable by any number of clusters until it expires.
 */
@Document("cluster_tokens")
record ClusterTokenDocument(
    @Id String id, String tokenHash, String createdBy, Instant createdAt, Instant expiresAt) {}
