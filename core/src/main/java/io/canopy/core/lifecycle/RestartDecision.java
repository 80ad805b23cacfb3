package io.canopy.core.lifecycle;

import java.time.Duration;
import java.time.Instant;

/** What to do with an instance that died: restart it where it is, later, or move it. */
public sealed interface RestartDecision {

  /** Restart on the same worker once {@code at} has come. */
  record Restart(Duration delay, Instant at) implements RestartDecision {}

  /** It keeps failing here: place it elsewhere (the failing worker is one candidate less). */
  record Reschedule(String reason) implements RestartDecision {}
}
