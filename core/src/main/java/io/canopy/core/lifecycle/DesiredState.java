package io.canopy.core.lifecycle;

/** What the orchestrators want of an instance; the worker reports what it observes. */
public enum DesiredState {
  RUN,
  STOP
}
