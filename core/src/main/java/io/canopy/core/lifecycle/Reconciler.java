package io.canopy.core.lifecycle;

import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares what one worker (or cluster) should run with what it reports, and says what to do about
 * each instance. It is what makes lost messages harmless: whatever was missed, the next full report
 * brings desired and observed back together. A lost worker that returns is stopped from running
 * stale copies because its instances are no longer desired there.
 */
public final class Reconciler {
  private Reconciler() {}

  /**
   * One action per instance id in {@code desired} or {@code observed}, sorted by id.
   *
   * @param desired instance id → what the orchestrator wants of it on this worker or cluster
   * @param observed what the worker or cluster reports; for an id reported twice the later wins
   */
  public static List<ReconcileAction> reconcile(
      Map<String, DesiredState> desired, Collection<InstanceStatus> observed) {
    Map<String, InstanceStatus> seen = latestById(observed);
    TreeSet<String> ids = new TreeSet<>(desired.keySet());
    ids.addAll(seen.keySet());
    List<ReconcileAction> actions = new ArrayList<>(ids.size());
    for (String id : ids) {
      InstanceStatus status = seen.get(id);
      InstanceState state = status == null ? null : status.state();
      actions.add(decide(id, desired.get(id), state));
    }
    return actions;
  }

  static ReconcileAction decide(String id, DesiredState want, InstanceState state) {
    boolean gone = state == null || state == InstanceState.UNDEPLOYED;
    if (want == null) {
      return gone
          ? new ReconcileAction.Leave(id, state)
          : new ReconcileAction.Stop(id, "not desired here (observed " + state + ")");
    }
    if (want == DesiredState.STOP) {
      return gone
          ? new ReconcileAction.Leave(id, state)
          : new ReconcileAction.Stop(id, "desired STOP (observed " + state + ")");
    }
    if (gone || !present(state)) {
      return new ReconcileAction.Start(
          id, state == null ? "desired RUN, not observed" : "desired RUN, observed " + state);
    }
    return new ReconcileAction.Leave(id, state);
  }

  /** States in which the instance exists where it was placed, running or having run. */
  private static boolean present(InstanceState state) {
    return state.occupiesWorker()
        || state == InstanceState.COMPLETED
        || state == InstanceState.FAILED;
  }

  private static Map<String, InstanceStatus> latestById(Collection<InstanceStatus> observed) {
    Map<String, InstanceStatus> latest = new HashMap<>();
    Comparator<InstanceStatus> byTime =
        Comparator.comparing(InstanceStatus::at, Comparator.nullsFirst(Comparator.naturalOrder()));
    for (InstanceStatus s : observed) {
      if (s != null && s.instanceId() != null) {
        latest.merge(s.instanceId(), s, (a, b) -> byTime.compare(b, a) >= 0 ? b : a);
      }
    }
    return latest;
  }
}
