package io.canopy.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.InstanceState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StuckRuleTest {

  private static final Instant SINCE = Instant.parse("2026-01-01T12:00:00Z");
  private static final StuckRule RULE =
      new StuckRule(Duration.ofSeconds(30), Duration.ofMinutes(5));

  @ParameterizedTest(name = "{0} after {1} s → stuck {2}")
  @CsvSource({
    "NODE_SCHEDULED, 30, false",
    "NODE_SCHEDULED, 31, true",
    "CREATING, 300, false",
    "CREATING, 301, true",
    "RUNNING, 100000, false",
    "CLUSTER_SCHEDULED, 100000, false",
    "DEAD, 100000, false",
  })
  void onlyNodeScheduledAndCreatingGetStuck(InstanceState state, long seconds, boolean stuck) {
    assertThat(RULE.stuck(state, SINCE, SINCE.plusSeconds(seconds)).isPresent()).isEqualTo(stuck);
  }

  @Test
  void saysHowLongAndTheLimit() {
    assertThat(RULE.stuck(InstanceState.CREATING, SINCE, SINCE.plusSeconds(420)))
        .contains("stuck in CREATING for 420 s (limit 300 s)");
  }
}
