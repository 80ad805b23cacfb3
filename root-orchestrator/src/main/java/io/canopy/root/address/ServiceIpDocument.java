package io.canopy.root.address;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A held service address; the address is the document id, so two holders cannot exist. */
@Document("service_ips")
record ServiceIpDocument(@Id String ip, String serviceId, String holder, Instant allocatedAt) {}
