package io.canopy.root.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing per user: after {@code maxFailedLogins} failures in a row, logins
 * for that user are refused for {@code lockout}, doubling with every further failure up to {@code
 * maxLockout}. A success clears the count. Kept in memory: a restart forgets it, which only gives a
 * guesser one more short burst.
 */
@Component
class LoginThrottle {
  private final AuthProperties properties;
  private final Clock clock;
  private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

  LoginThrottle(AuthProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** How long this user must still wait, if it must. */
  Optional<Duration> waitFor(String user) {
    Failures f = failures.get(user);
    if (f == null || f.lockedUntil == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), f.lockedUntil);
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  void failed(String user) {
    failures.compute(
        user,
        (k, f) -> {
          int count = f == null ? 1 : f.count + 1;
          Instant until = null;
          int over = count - properties.maxFailedLogins();
          if (over >= 0) {
            Duration lock = properties.lockout().multipliedBy(1L << Math.min(over, 20));
            if (lock.compareTo(properties.maxLockout()) > 0) {
              lock = properties.maxLockout();
            }
            until = clock.instant().plus(lock);
          }
          return new Failures(count, until);
        });
  }

  void succeeded(String user) {
    failures.remove(user);
  }

  private record Failures(int count, Instant lockedUntil) {}
}
