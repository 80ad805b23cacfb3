package io.canopy.root.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the root treats its clusters.
 *
 * @param heartbeatTimeout a cluster without a resources report for this long is inactive
 * @param registrationTokenLifetime how long a cluster registration token can be used
 * @param resendInterval how long an unacknowledged command waits before it is sent again
 * @param logsTimeout how long a logs request waits for the cluster's answer
 * @param maxMessageBytes the largest channel message (a desired state of many instances)
 * @param relaySettle how long after its start the root relays no overlay, so that the clusters
 *     reconnect and report theirs first (meanwhile each keeps the relay it had); like the heartbeat
 *     timeout, the time in which every live cluster reports
 */
@ConfigurationProperties("canopy.clusters")
public record ClusterProperties(
    @DefaultValue("30s") Duration heartbeatTimeout,
    @DefaultValue("24h") Duration registrationTokenLifetime,
    @DefaultValue("3s") Duration resendInterval,
    @DefaultValue("10s") Duration logsTimeout,
    @DefaultValue("4194304") int maxMessageBytes,
    @DefaultValue("30s") Duration relaySettle) {}
