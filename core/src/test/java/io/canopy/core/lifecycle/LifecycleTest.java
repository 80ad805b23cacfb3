package io.canopy.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.InstanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (from, to) pair against the table drawn here, which is the one in docs/scheduling.md: if
 * the wire enum's table changes, this test and the docs change with it.
 */
class LifecycleTest {

  // x: allowed, =: staying put (allowed), .: refused. Rows: from; columns: to.
  private static final String TABLE =
      """
               REQ UNS CLS NOD CRE RUN CMP FLD DED UND
      REQ       =   x   x   .   .   .   .   .   .   x
      UNS       x   =   x   .   .   .   .   .   .   x
      CLS       x   x   =   x   .   .   .   x   .   x
      NOD       x   .   x   =   x   x   x   x   x   x
      CRE       x   .   x   .   =   x   x   x   x   x
      RUN       x   .   x   .   .   =   x   x   x   x
      CMP       .   .   .   .   .   .   =   .   .   x
      FLD       x   .   x   .   .   .   .   =   .   x
      DED       x   .   x   .   x   x   .   x   =   x
      UND       .   .   .   .   .   .   .   .   .   =
      """;

  private static final InstanceState[] ORDER = {
    InstanceState.REQUESTED,
    InstanceState.UNSCHEDULABLE,
    InstanceState.CLUSTER_SCHEDULED,
    InstanceState.NODE_SCHEDULED,
    InstanceState.CREATING,
    InstanceState.RUNNING,
    InstanceState.COMPLETED,
    InstanceState.FAILED,
    InstanceState.DEAD,
    InstanceState.UNDEPLOYED
  };

  static Stream<Arguments> everyPair() {
    List<String> rows = TABLE.lines().skip(1).toList();
    List<Arguments> pairs = new ArrayList<>();
    for (int i = 0; i < ORDER.length; i++) {
      String[] cells = rows.get(i).trim().split("\\s+");
      for (int j = 0; j < ORDER.length; j++) {
        pairs.add(Arguments.of(ORDER[i], ORDER[j], !cells[j + 1].equals(".")));
      }
    }
    return pairs.stream();
  }

  @Test
  void theTableCoversEveryState() {
    assertThat(ORDER).containsExactlyInAnyOrder(InstanceState.values());
    assertThat(everyPair()).hasSize(100);
  }

  @ParameterizedTest(name = "{0} → {1}: {2}")
  @MethodSource("everyPair")
  void transition(InstanceState from, InstanceState to, boolean allowed) {
    Transition t = Lifecycle.transition(from, to);

    if (allowed) {
      assertThat(t).isEqualTo(new Transition.Applied(from, to));
      assertThat(t.result()).isEqualTo(to);
    } else {
      assertThat(t).isInstanceOf(Transition.Refused.class);
      assertThat(t.result()).as("a refused move keeps the state").isEqualTo(from);
      assertThat(((Transition.Refused) t).reason()).startsWith(from + " cannot move to " + to);
    }
  }

  @Test
  void aRefusalSaysWhereTheStateCouldGo() {
    assertThat(Lifecycle.transition(InstanceState.COMPLETED, InstanceState.RUNNING))
        .isEqualTo(
            new Transition.Refused(
                InstanceState.COMPLETED,
                InstanceState.RUNNING,
                "COMPLETED cannot move to RUNNING; it can move to UNDEPLOYED"));
    assertThat(Lifecycle.transition(InstanceState.UNDEPLOYED, InstanceState.REQUESTED))
        .isEqualTo(
            new Transition.Refused(
                InstanceState.UNDEPLOYED,
                InstanceState.REQUESTED,
                "UNDEPLOYED cannot move to REQUESTED; UNDEPLOYED is final"));
  }

  @Test
  void aNewInstanceStartsAsRequested() {
    assertThat(Lifecycle.transition(null, InstanceState.REQUESTED))
        .isEqualTo(new Transition.Applied(null, InstanceState.REQUESTED));
    assertThat(Lifecycle.transition(null, InstanceState.RUNNING))
        .isInstanceOf(Transition.Refused.class);
    assertThat(Lifecycle.transition(InstanceState.RUNNING, null))
        .isInstanceOf(Transition.Refused.class);
  }
}
