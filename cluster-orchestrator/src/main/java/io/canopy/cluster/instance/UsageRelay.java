package io.canopy.cluster.instance;

import io.canopy.wire.InstanceUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Passes the workers' instance usage samples on to the root without flooding it: of the samples
 * that arrive between two resources reports only the latest per instance is kept, and each goes out
 * once, with the next report. Samples for an instance not placed on the worker that sent them (a
 * stale copy) are dropped.
 */
@Component
public class UsageRelay {
  private final InstanceStore instances;
  private final Map<String, InstanceUsage> pending = new ConcurrentHashMap<>();

  UsageRelay(InstanceStore instances) {
    this.instances = instances;
  }

  /** A worker's samples, from its instance list. */
  public void received(String nodeId, List<InstanceUsage> usage) {
    if (usage.isEmpty()) {
      return;
    }
    Set<String> placedThere =
        instances.onNode(nodeId).stream()
            .map(InstanceRecord::instanceId)
            .collect(Collectors.toSet());
    for (InstanceUsage u : usage) {
      if (u.instanceId() != null && placedThere.contains(u.instanceId())) {
        pending.put(u.instanceId(), u);
      }
    }
  }

  /** Every sample not passed on yet, each once. */
  public List<InstanceUsage> drain() {
    List<InstanceUsage> out = new ArrayList<>();
    for (String id : pending.keySet()) {
      InstanceUsage u = pending.remove(id);
      if (u != null) {
        out.add(u);
      }
    }
    out.sort(Comparator.comparing(InstanceUsage::instanceId));
    return out;
  }
}
