package io.canopy.root.address;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A worker subnet granted to a cluster's worker; the block is the id, so it is granted once. */
@Document("subnets")
record SubnetDocument(@Id String cidr, String clusterId, String nodeId, Instant grantedAt) {}
