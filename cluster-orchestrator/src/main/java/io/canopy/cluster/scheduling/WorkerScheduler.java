package io.canopy.cluster.scheduling;

import io.canopy.core.capacity.WorkerView;
import io.canopy.core.placement.Candidate;
import io.canopy.core.placement.Demand;
import io.canopy.core.placement.Placement;
import io.canopy.core.placement.PlacementResult;
import io.canopy.core.placement.Tier;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.SchedulingFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Places one instance on a worker with core's placement chain: active, runtime, arch, the {@code
 * direct} constraint's nodes, free capacity after reservations, free host ports; best fit and
 * spread score the rest.
 */
@Component
public class WorkerScheduler {
  private final WorkerViews views;
  private final Placement placement = Placement.forTier(Tier.CLUSTER);

  private final Map<String, Counter> results = new HashMap<>();
  private final Timer duration;

  WorkerScheduler(WorkerViews views, MeterRegistry meters) {
    this.views = views;
    // every result from the start, at 0: a counter that appears with its first increment would
    // hide that increment from increase() and rate()
    List<String> outcomes = new ArrayList<>(List.of("placed"));
    Arrays.stream(SchedulingFailure.values()).map(Enum::name).forEach(outcomes::add);
    for (String outcome : outcomes) {
      results.put(
          outcome,
          Counter.builder("canopy.scheduling.results")
              .tag("tier", "cluster")
              .tag("result", outcome)
              .description("placement runs by result: placed or the failure reason")
              .register(meters));
    }
    this.duration =
        Timer.builder("canopy.scheduling.duration")
            .tag("tier", "cluster")
            .description("one placement run")
            .publishPercentileHistogram()
            // a placement is a pure computation: microseconds, milliseconds for large sites
            .minimumExpectedValue(Duration.ofNanos(50_000))
            .maximumExpectedValue(Duration.ofSeconds(5))
            .register(meters);
  }

  /**
   * @param spec the instance as the root sent it
   * @param exclude workers it must not go to (where it kept failing); may be empty
   */
  public PlacementResult place(InstanceSpec spec, Set<String> exclude) {
    Demand demand = Demand.forWorker(spec.service(), spec.serviceId());
    List<Candidate> candidates =
        views.current(spec.instanceId()).stream()
            .filter(w -> !exclude.contains(w.nodeId()))
            .map(WorkerView::toCandidate)
            .toList();
    PlacementResult result = duration.record(() -> placement.place(demand, candidates));
    String outcome =
        switch (result) {
          case PlacementResult.Placed p -> "placed";
          case PlacementResult.Unschedulable u -> u.failure().name();
        };
    results.get(outcome).increment();
    return result;
  }
}
