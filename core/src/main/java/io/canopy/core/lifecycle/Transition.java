package io.canopy.core.lifecycle;

import io.canopy.wire.InstanceState;

/** The outcome of asking the lifecycle to move an instance: applied, or refused with why. */
public sealed interface Transition {

  InstanceState from();

  InstanceState to();

  /** The state the instance is in afterwards: {@code to} when applied, {@code from} when not. */
  InstanceState result();

  record Applied(InstanceState from, InstanceState to) implements Transition {
    @Override
    public InstanceState result() {
      return to;
    }
  }

  record Refused(InstanceState from, InstanceState to, String reason) implements Transition {
    @Override
    public InstanceState result() {
      return from;
    }
  }
}
