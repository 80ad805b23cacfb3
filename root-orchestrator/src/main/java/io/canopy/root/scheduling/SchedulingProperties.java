package io.canopy.root.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retryInterval how often instances no cluster could take are placed again (also at once
 *     when a cluster becomes active)
 */
@ConfigurationProperties("canopy.scheduling")
record SchedulingProperties(@DefaultValue("5s") Duration retryInterval) {}
