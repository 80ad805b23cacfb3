package io.canopy.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LivenessTest {

  private static final Instant LAST = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void aWorkerIsLostAfterThreeMissedReports() {
    assertThat(Liveness.WORKER.grace()).isEqualTo(Duration.ofSeconds(6));
    assertThat(Liveness.WORKER.lost(LAST, LAST.plusSeconds(6))).isFalse();
    assertThat(Liveness.WORKER.lost(LAST, LAST.plusMillis(6001))).isTrue();
  }

  @Test
  void aClusterIsInactiveAfterThirtySeconds() {
    assertThat(Liveness.CLUSTER.lost(LAST, LAST.plusSeconds(30))).isFalse();
    assertThat(Liveness.CLUSTER.lost(LAST, LAST.plusSeconds(31))).isTrue();
  }

  @Test
  void neverHeardFromIsLost() {
    assertThat(Liveness.WORKER.lost(null, LAST)).isTrue();
  }
}
