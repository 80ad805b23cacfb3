package io.canopy.root.channel;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A deploy or undeploy waiting for its cluster's acknowledgement. Kept in the store, so a restarted
 * root still re-sends it; removed once acknowledged or superseded.
 */
@Document("commands")
record CommandDocument(
    @Id String id,
    String clusterId,
    String instanceId,
    String type,
    String payloadJson,
    Instant createdAt,
    Instant lastSentAt) {}
