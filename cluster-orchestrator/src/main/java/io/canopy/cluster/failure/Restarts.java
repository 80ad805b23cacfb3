package io.canopy.cluster.failure;

import io.canopy.cluster.ClusterProperties;
import io.canopy.cluster.instance.InstanceRecord;
import io.canopy.cluster.instance.InstanceStore;
import io.canopy.cluster.instance.Placer;
import io.canopy.cluster.mqtt.WorkerChannel;
import io.canopy.core.lifecycle.RestartDecision;
import io.canopy.core.lifecycle.RestartPolicy;
import io.canopy.core.lifecycle.StuckRule;
import io.canopy.wire.InstanceState;
import io.canopy.wire.node.NodeCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Instances that died or got stuck. A DEAD instance is restarted where it is after core's restart
 * policy's backoff; once it failed too often there, it is rescheduled on another worker (and FAILED
 * when there is none). An instance stuck in NODE_SCHEDULED or CREATING past core's stuck rule is
 * rescheduled.
 */
@Component
public class Restarts {
  private static final Logger log = LoggerFactory.getLogger(Restarts.class);

  private final InstanceStore store;
  private final Placer placer;
  private final WorkerChannel workers;
  private final Clock clock;
  private final RestartPolicy policy;
  private final StuckRule stuck;

  Restarts(
      InstanceStore store,
      Placer placer,
      WorkerChannel workers,
      Clock clock,
      ClusterProperties properties) {
    this.store = store;
    this.placer = placer;
    this.workers = workers;
    this.clock = clock;
    ClusterProperties.Timing t = properties.timing();
    this.policy =
        new RestartPolicy(
            t.restartInitialBackoff(),
            t.restartMaxBackoff(),
            t.restartMaxFailures(),
            t.restartWindow());
    this.stuck = new StuckRule(t.nodeScheduledTimeout(), t.creatingTimeout());
  }

  /** The instance was just reported DEAD. */
  public void died(InstanceRecord r) {
    Instant now = clock.instant();
    switch (policy.decide(r.failures(), now)) {
      case RestartDecision.Restart restart -> {
        log.info(
            "instance {} died on {}; restart in {}", r.instanceId(), r.nodeId(), restart.delay());
        store.restartAt(r, restart.at());
      }
      case RestartDecision.Reschedule move ->
          placer.reschedule(r, "kept failing on worker " + r.nodeId() + ": " + move.reason(), true);
    }
  }

  /** Runs twice a second: restarts that are due, instances that are stuck. */
  public void sweep() {
    Instant now = clock.instant();
    for (InstanceRecord r : store.all()) {
      if (!r.live() || r.nodeId() == null) {
        continue;
      }
      if (r.state() == InstanceState.DEAD
          && r.restartAt() != null
          && !now.isBefore(r.restartAt())) {
        store.restartAt(r, null);
        workers.send(r.nodeId(), new NodeCommand.Start(UUID.randomUUID().toString(), r.spec()));
        continue;
      }
      stuck
          .stuck(r.state(), r.stateSince(), now)
          .ifPresent(why -> placer.reschedule(r, why, false));
    }
  }
}
