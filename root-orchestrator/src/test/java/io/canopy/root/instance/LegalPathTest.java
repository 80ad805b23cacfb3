package io.canopy.root.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.InstanceState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which reports are applied: the lifecycle's moves, plus forward skips over placement states. */
class LegalPathTest {

  @ParameterizedTest(name = "{0} → {1}: {2}")
  @CsvSource({
    "CLUSTER_SCHEDULED, NODE_SCHEDULED, true",
    "CLUSTER_SCHEDULED, RUNNING, true",
    "CLUSTER_SCHEDULED, CREATING, true",
    "UNSCHEDULABLE, RUNNING, true",
    "REQUESTED, CREATING, true",
    "RUNNING, NODE_SCHEDULED, false",
    "RUNNING, CREATING, false",
    "COMPLETED, RUNNING, false",
    "UNDEPLOYED, RUNNING, false",
    "NODE_SCHEDULED, RUNNING, true",
    "RUNNING, UNSCHEDULABLE, false"
  })
  void appliesForwardSkipsButNeverBackwards(InstanceState from, InstanceState to, boolean legal) {
    assertThat(InstanceStatusApplier.legalPath(from, to)).isEqualTo(legal);
  }
}
