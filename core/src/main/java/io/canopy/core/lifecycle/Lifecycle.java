package io.canopy.core.lifecycle;

import io.canopy.wire.InstanceState;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Applies the one transition table ({@link InstanceState#canMoveTo}). An illegal move is refused
 * and says which moves were legal, so a store can log it and keep the state it had.
 */
public final class Lifecycle {
  private Lifecycle() {}

  /** {@code from} null means a new instance, which may only start as REQUESTED. */
  public static Transition transition(InstanceState from, InstanceState to) {
    if (to == null) {
      return new Transition.Refused(from, null, "no target state given");
    }
    if (from == null) {
      return to == InstanceState.REQUESTED
          ? new Transition.Applied(null, to)
          : new Transition.Refused(null, to, "a new instance starts as REQUESTED, not " + to);
    }
    if (from.canMoveTo(to)) {
      return new Transition.Applied(from, to);
    }
    return new Transition.Refused(from, to, reason(from, to));
  }

  private static String reason(InstanceState from, InstanceState to) {
    String allowed =
        Arrays.stream(InstanceState.values())
            .filter(s -> s != from && from.canMoveTo(s))
            .map(Enum::name)
            .collect(Collectors.joining(", "));
    return from
        + " cannot move to "
        + to
        + (allowed.isEmpty() ? "; " + from + " is final" : "; it can move to " + allowed);
  }
}
