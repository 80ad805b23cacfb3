package io.canopy.cluster.scheduling;

import io.canopy.cluster.instance.InstanceStore;
import io.canopy.cluster.node.WorkerRecord;
import io.canopy.cluster.node.WorkerStore;
import io.canopy.core.capacity.Reservation;
import io.canopy.core.capacity.WorkerView;
import java.util.List;
import java.util.Map;

/** Every worker with what the instances placed on it reserve: the scheduler's snapshot. */
@org.springframework.stereotype.Component
public class WorkerViews {
  private final WorkerStore workers;
  private final InstanceStore instances;

  WorkerViews(WorkerStore workers, InstanceStore instances) {
    this.workers = workers;
    this.instances = instances;
  }

  /** All workers; {@code exceptInstanceId}'s own reservation is left out (null: none). */
  public List<WorkerView> current(String exceptInstanceId) {
    Map<String, List<Reservation>> placed = instances.reservationsByNode(exceptInstanceId);
    return workers.all().stream()
        .map(w -> view(w, placed.getOrDefault(w.nodeId(), List.of())))
        .toList();
  }

  private static WorkerView view(WorkerRecord w, List<Reservation> placed) {
    return WorkerView.of(
        w.nodeId(), w.name(), w.active(), w.lastReportAt(), w.subnet(), w.fingerprint(), placed);
  }
}
