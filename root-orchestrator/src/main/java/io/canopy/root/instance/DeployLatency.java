package io.canopy.root.instance;

import io.canopy.wire.InstanceState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code canopy_deploy_latency_seconds}: from {@code POST /api/service/{id}/instance} (the
 * instance's {@code createdAt}) to the first RUNNING report the root applies for it. A restart is
 * no deploy and is left out: a move to RUNNING counts only from a placement state (not from DEAD)
 * and only when the instance has not exited since it was placed (no exit code). Each instance
 * counts once: the root remembers the last {@value #REMEMBERED} it measured, so one placed again
 * after its cluster gave it back does not count the time it already ran as latency.
 */
@Component
class DeployLatency {
  static final int REMEMBERED = 10_000;

  private final Timer timer;
  private final Clock clock;
  private final Set<String> measured =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED;
                }
              }));

  DeployLatency(MeterRegistry meters, Clock clock) {
    this.clock = clock;
    this.timer =
        Timer.builder("canopy.deploy.latency")
            .description("from POST /api/service/{id}/instance to RUNNING seen at the root")
            .publishPercentileHistogram()
            // image pulls and unikernel boots take seconds to minutes
            .minimumExpectedValue(Duration.ofMillis(100))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(meters);
  }

  /** Called with the instance before and after an applied report. */
  void observed(InstanceDocument before, InstanceDocument after) {
    if (after.state() != InstanceState.RUNNING
        || !placing(before.state())
        || before.exitCode() != null) {
      return;
    }
    if (measured.add(after.id())) {
      Duration latency = Duration.between(after.createdAt(), clock.instant());
      timer.record(latency.isNegative() ? Duration.ZERO : latency);
    }
  }

  private static boolean placing(InstanceState state) {
    return switch (state) {
      case REQUESTED, UNSCHEDULABLE, CLUSTER_SCHEDULED, NODE_SCHEDULED, CREATING -> true;
      default -> false;
    };
  }
}
