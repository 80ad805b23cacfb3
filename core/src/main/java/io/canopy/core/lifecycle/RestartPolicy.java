package io.canopy.core.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Restarts a DEAD instance with exponential backoff (initial, doubling, capped); once it has failed
 * {@code maxFailures} times within {@code window}, restarting in place is given up and it is
 * rescheduled elsewhere. The caller keeps the failure times; this decides from them and a given
 * instant, so it is a pure function and testable without waiting.
 */
public record RestartPolicy(
    Duration initialBackoff, Duration maxBackoff, int maxFailures, Duration window) {

  /** 1 s, 2 s, 4 s, 8 s, then elsewhere: five failures in five minutes. */
  public static final RestartPolicy DEFAULT =
      new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(5));

  public RestartPolicy {
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("max backoff must be ≥ the initial backoff");
    }
    if (maxFailures < 1) {
      throw new IllegalArgumentException("max failures must be ≥ 1");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the failure window must be positive");
    }
  }

  /**
   * @param failures when the instance failed, including the failure being decided on; older ones
   *     outside the window are ignored, so the caller may keep a longer history
   * @param now the current instant
   */
  public RestartDecision decide(List<Instant> failures, Instant now) {
    Instant since = now.minus(window);
    long recent = failures.stream().filter(t -> t.isAfter(since) && !t.isAfter(now)).count();
    if (recent >= maxFailures) {
      return new RestartDecision.Reschedule(
          "failed " + recent + " times within " + window.toSeconds() + " s");
    }
    Duration delay = backoff((int) Math.max(1, recent));
    return new RestartDecision.Restart(delay, now.plus(delay));
  }

  /** The wait before the {@code n}th restart (n ≥ 1): initial × 2^(n−1), at most the cap. */
  public Duration backoff(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("restarts are counted from 1");
    }
    Duration d = initialBackoff;
    for (int i = 1; i < n && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
