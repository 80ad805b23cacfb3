package io.canopy.core.lifecycle;

import io.canopy.wire.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An instance that stays in NODE_SCHEDULED (the worker never took it) or CREATING (the runtime
 * never finished) past its limit is rescheduled: a worker that silently lost a command must not
 * hold an instance forever.
 *
 * @param nodeScheduledTimeout how long a worker may take to acknowledge and start creating
 * @param creatingTimeout how long creating may take, image pull included
 */
public record StuckRule(Duration nodeScheduledTimeout, Duration creatingTimeout) {

  public static final StuckRule DEFAULT =
      new StuckRule(Duration.ofSeconds(30), Duration.ofMinutes(5));

  public StuckRule {
    if (!nodeScheduledTimeout.isPositive() || !creatingTimeout.isPositive()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /**
   * Why the instance must be rescheduled, or empty when it is not stuck.
   *
   * @param state its current state
   * @param since when it entered that state
   * @param now the current instant
   */
  public Optional<String> stuck(InstanceState state, Instant since, Instant now) {
    Duration limit =
        switch (state) {
          case NODE_SCHEDULED -> nodeScheduledTimeout;
          case CREATING -> creatingTimeout;
          default -> null;
        };
    if (limit == null) {
      return Optional.empty();
    }
    Duration stayed = Duration.between(since, now);
    if (stayed.compareTo(limit) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        "stuck in "
            + state
            + " for "
            + stayed.toSeconds()
            + " s (limit "
            + limit.toSeconds()
            + " s)");
  }
}
