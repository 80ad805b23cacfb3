package io.canopy.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.core.lifecycle.ReconcileAction.Leave;
import io.canopy.core.lifecycle.ReconcileAction.Start;
import io.canopy.core.lifecycle.ReconcileAction.Stop;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReconcilerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static Stream<Arguments> cases() {
    return Stream.of(
        // desired, observed → action
        Arguments.of(DesiredState.RUN, null, new Start("i", "desired RUN, not observed")),
        Arguments.of(
            DesiredState.RUN,
            InstanceState.UNDEPLOYED,
            new Start("i", "desired RUN, observed UNDEPLOYED")),
        Arguments.of(
            DesiredState.RUN,
            InstanceState.CLUSTER_SCHEDULED,
            new Start("i", "desired RUN, observed CLUSTER_SCHEDULED")),
        Arguments.of(
            DesiredState.RUN, InstanceState.NODE_SCHEDULED, leave(InstanceState.NODE_SCHEDULED)),
        Arguments.of(DesiredState.RUN, InstanceState.CREATING, leave(InstanceState.CREATING)),
        Arguments.of(DesiredState.RUN, InstanceState.RUNNING, leave(InstanceState.RUNNING)),
        Arguments.of(DesiredState.RUN, InstanceState.COMPLETED, leave(InstanceState.COMPLETED)),
        Arguments.of(DesiredState.RUN, InstanceState.DEAD, leave(InstanceState.DEAD)),
        Arguments.of(DesiredState.RUN, InstanceState.FAILED, leave(InstanceState.FAILED)),
        Arguments.of(
            DesiredState.STOP,
            InstanceState.RUNNING,
            new Stop("i", "desired STOP (observed RUNNING)")),
        Arguments.of(
            DesiredState.STOP,
            InstanceState.COMPLETED,
            new Stop("i", "desired STOP (observed COMPLETED)")),
        Arguments.of(DesiredState.STOP, InstanceState.UNDEPLOYED, leave(InstanceState.UNDEPLOYED)),
        Arguments.of(DesiredState.STOP, null, leave(null)),
        Arguments.of(
            null, InstanceState.RUNNING, new Stop("i", "not desired here (observed RUNNING)")),
        Arguments.of(null, InstanceState.DEAD, new Stop("i", "not desired here (observed DEAD)")),
        Arguments.of(null, InstanceState.UNDEPLOYED, leave(InstanceState.UNDEPLOYED)));
  }

  @ParameterizedTest(name = "desired {0}, observed {1} → {2}")
  @MethodSource("cases")
  void decides(DesiredState desired, InstanceState observed, ReconcileAction expected) {
    Map<String, DesiredState> want = new HashMap<>();
    if (desired != null) {
      want.put("i", desired);
    }
    List<InstanceStatus> seen = observed == null ? List.of() : List.of(status("i", observed, T0));

    assertThat(Reconciler.reconcile(want, seen)).containsExactly(expected);
  }

  @Test
  void aReturningWorkerStopsItsStaleCopiesAndKeepsTheRest() {
    Map<String, DesiredState> want = Map.of("b-kept", DesiredState.RUN, "d-new", DesiredState.RUN);
    List<InstanceStatus> seen =
        List.of(
            status("a-moved-away", InstanceState.RUNNING, T0),
            status("b-kept", InstanceState.RUNNING, T0),
            status("c-unknown", InstanceState.CREATING, T0));

    assertThat(Reconciler.reconcile(want, seen))
        .containsExactly(
            new Stop("a-moved-away", "not desired here (observed RUNNING)"),
            leave("b-kept", InstanceState.RUNNING),
            new Stop("c-unknown", "not desired here (observed CREATING)"),
            new Start("d-new", "desired RUN, not observed"));
  }

  @Test
  void theLatestReportOfAnInstanceWins() {
    List<InstanceStatus> seen =
        Arrays.asList(
            status("i", InstanceState.UNDEPLOYED, T0.plusSeconds(5)),
            status("i", InstanceState.RUNNING, T0),
            null);

    assertThat(Reconciler.reconcile(Map.of("i", DesiredState.RUN), seen))
        .containsExactly(new Start("i", "desired RUN, observed UNDEPLOYED"));
  }

  @Test
  void nothingWantedNothingSeenIsNothingToDo() {
    assertThat(Reconciler.reconcile(Map.of(), List.of())).isEmpty();
  }

  private static Leave leave(InstanceState s) {
    return leave("i", s);
  }

  private static Leave leave(String id, InstanceState s) {
    return new Leave(id, s);
  }

  private static InstanceStatus status(String id, InstanceState state, Instant at) {
    return new InstanceStatus(
        id, state, null, "n1", null, null, null, null, null, null, null, List.of(), at);
  }
}
