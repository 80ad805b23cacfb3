package io.canopy.node.instance;

import io.canopy.node.runtime.Observation;
import io.canopy.node.runtime.RuntimeHandle;
import io.canopy.node.runtime.Runtimes;
import io.canopy.node.runtime.WorkloadRuntime;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restarted engine finds: the handles on disk matched with the workloads that carry this
 * node's id. A running workload is taken over as it is; one that ended while the engine was away is
 * reported as ended; a handle whose workload vanished is reported as such; a workload without a
 * handle is adopted (the cluster's next Desired decides whether it stays).
 */
final class Reattachment {
  private static final Logger log = LoggerFactory.getLogger(Reattachment.class);
  private static final String AWAY = " while the node engine was down";

  private final Runtimes runtimes;
  private final HandleStore store;
  private final InstanceNetwork network;
  private final Statuses statuses;

  Reattachment(Runtimes runtimes, HandleStore store, InstanceNetwork network, Statuses statuses) {
    this.runtimes = runtimes;
    this.store = store;
    this.network = network;
    this.statuses = statuses;
  }

  List<Entry> entries() {
    Map<String, WorkloadRuntime.Recovered> found = new HashMap<>();
    for (WorkloadRuntime.Recovered r : runtimes.recover()) {
      found.merge(r.handle().instanceId(), r, (a, b) -> a.observation().running() ? a : b);
    }
    List<Entry> out = new ArrayList<>();
    for (StoredInstance s : store.loadAll()) {
      WorkloadRuntime.Recovered r = found.remove(s.instanceId());
      if (r != null) {
        out.add(adopt(s.spec(), r));
      } else if (s.handle() != null) {
        out.add(
            new Entry(
                s.spec(), s.handle(), statuses.ended(s.handle(), Observation.gone(), AWAY), false));
      } else {
        InstanceStatus failed =
            statuses.of(
                s.instanceId(),
                InstanceState.FAILED,
                null,
                null,
                null,
                "not started before the node engine restarted");
        out.add(new Entry(s.spec(), null, failed, false));
      }
    }
    found.values().forEach(r -> out.add(adopt(null, r)));
    return out;
  }

  private Entry adopt(InstanceSpec spec, WorkloadRuntime.Recovered r) {
    RuntimeHandle h = r.handle();
    Observation o = r.observation();
    InstanceStatus status;
    if (o.running()) {
      String ip = null;
      try {
        ip = network.attach(h.instanceId(), o.pid(), PublishedPorts.of(spec));
      } catch (RuntimeException e) {
        // it keeps running; the engine tries again after the next network table
        log.warn("could not wire {} into the network again: {}", h.instanceId(), e.getMessage());
      }
      status = statuses.of(h.instanceId(), InstanceState.RUNNING, h.runtimeId(), ip, null, null);
    } else {
      status = statuses.ended(h, o, AWAY);
    }
    store.save(new StoredInstance(h.instanceId(), spec, h));
    return new Entry(spec, h, status, false);
  }
}
