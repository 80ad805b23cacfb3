package io.canopy.core.lifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * When a peer that reports every {@code interval} counts as lost: after {@code missedReports}
 * reports in a row did not come. A cluster judges its workers this way (and also on their MQTT last
 * will, which needs no rule); the root judges its clusters.
 */
public record Liveness(Duration interval, int missedReports) {

  /** Workers report every 2 s; three missed reports mean lost. */
  public static final Liveness WORKER = new Liveness(Duration.ofSeconds(2), 3);

  /** A cluster that has not reported for 30 s is inactive (issue 3). */
  public static final Liveness CLUSTER = new Liveness(Duration.ofSeconds(30), 1);

  public Liveness {
    if (!interval.isPositive() || missedReports < 1) {
      throw new IllegalArgumentException("interval must be positive and missed reports ≥ 1");
    }
  }

  /** The longest silence still counted as alive. */
  public Duration grace() {
    return interval.multipliedBy(missedReports);
  }

  /** Whether a peer last heard from at {@code lastReport} (null: never) is lost at {@code now}. */
  public boolean lost(Instant lastReport, Instant now) {
    return lastReport == null || Duration.between(lastReport, now).compareTo(grace()) > 0;
  }
}
