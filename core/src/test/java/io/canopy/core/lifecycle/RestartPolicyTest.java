package io.canopy.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.core.lifecycle.RestartDecision.Reschedule;
import io.canopy.core.lifecycle.RestartDecision.Restart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartPolicyTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final RestartPolicy POLICY =
      new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 6, Duration.ofMinutes(5));

  @ParameterizedTest(name = "restart {0} waits {1} s")
  @CsvSource({"1,1", "2,2", "3,4", "4,8", "5,10", "30,10", "1000,10"})
  void backoffDoublesUpToTheCap(int n, long seconds) {
    assertThat(POLICY.backoff(n)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void eachFailureInTheWindowDoublesTheWait() {
    List<Instant> failures = new ArrayList<>();
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Instant now = NOW.plusSeconds(10L * i);
      failures.add(now);
      RestartDecision d = POLICY.decide(failures, now);
      assertThat(d).isInstanceOf(Restart.class);
      assertThat(((Restart) d).at()).isEqualTo(now.plus(((Restart) d).delay()));
      waits.add(((Restart) d).delay());
    }
    assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 10L);
  }

  @Test
  void tooManyFailuresInTheWindowMovesTheInstance() {
    List<Instant> failures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      failures.add(NOW.minusSeconds(i * 30L));
    }

    assertThat(POLICY.decide(failures, NOW))
        .isEqualTo(new Reschedule("failed 6 times within 300 s"));
  }

  @Test
  void failuresOutsideTheWindowAreForgotten() {
    List<Instant> failures =
        List.of(
            NOW.minus(Duration.ofMinutes(20)),
            NOW.minus(Duration.ofMinutes(10)),
            NOW.minus(Duration.ofMinutes(6)),
            NOW.minus(Duration.ofMinutes(5)), // exactly at the edge: outside
            NOW.minusSeconds(60),
            NOW);

    assertThat(POLICY.decide(failures, NOW))
        .isEqualTo(new Restart(Duration.ofSeconds(2), NOW.plusSeconds(2)));
  }

  @Test
  void theFirstFailureEvenUnrecordedWaitsTheInitialBackoff() {
    assertThat(POLICY.decide(List.of(), NOW))
        .isEqualTo(new Restart(Duration.ofSeconds(1), NOW.plusSeconds(1)));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(
            () -> new RestartPolicy(Duration.ZERO, Duration.ofSeconds(1), 1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RestartPolicy(
                    Duration.ofSeconds(2), Duration.ofSeconds(1), 1, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RestartPolicy(
                    Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> POLICY.backoff(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefaultGivesUpAfterFiveFailuresInFiveMinutes() {
    List<Instant> five = List.of(NOW, NOW, NOW, NOW, NOW);
    assertThat(RestartPolicy.DEFAULT.decide(five.subList(0, 4), NOW))
        .isEqualTo(new Restart(Duration.ofSeconds(8), NOW.plusSeconds(8)));
    assertThat(RestartPolicy.DEFAULT.decide(five, NOW)).isInstanceOf(Reschedule.class);
  }
}
