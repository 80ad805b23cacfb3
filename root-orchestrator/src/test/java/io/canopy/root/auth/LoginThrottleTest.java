package io.canopy.root.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final LoginThrottle throttle =
      new LoginThrottle(
          new AuthProperties(
              Duration.ofMinutes(10),
              Duration.ofDays(7),
              3,
              Duration.ofSeconds(30),
              Duration.ofMinutes(2),
              List.of(),
              false),
          clock);

  @Test
  void locksAfterRepeatedFailuresAndDoublesUpToTheMaximum() {
    throttle.failed("root/a");
    throttle.failed("root/a");
    assertThat(throttle.waitFor("root/a")).isEmpty();
    throttle.failed("root/a");
    assertThat(throttle.waitFor("root/a")).contains(Duration.ofSeconds(30));
    throttle.failed("root/a");
    assertThat(throttle.waitFor("root/a")).contains(Duration.ofSeconds(60));
    for (int i = 0; i < 10; i++) {
      throttle.failed("root/a");
    }
    assertThat(throttle.waitFor("root/a")).contains(Duration.ofMinutes(2));
    assertThat(throttle.waitFor("root/b")).isEmpty();
    now = now.plus(Duration.ofMinutes(2));
    assertThat(throttle.waitFor("root/a")).isEmpty();
  }

  @Test
  void aSuccessClearsTheCount() {
    throttle.failed("root/a");
    throttle.failed("root/a");
    throttle.succeeded("root/a");
    throttle.failed("root/a");
    assertThat(throttle.waitFor("root/a")).isEmpty();
  }
}
