package io.canopy.cluster.failure;

import io.canopy.cluster.ClusterProperties;
import io.canopy.cluster.instance.WorkerReconciler;
import io.canopy.cluster.node.WorkerRecord;
import io.canopy.cluster.node.WorkerStore;
import io.canopy.core.lifecycle.Liveness;
import io.canopy.wire.node.Fingerprint;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Knows which workers are alive. A worker is lost on its last will (the broker publishes it when
 * the connection drops) or after {@code missedReports} reports in a row did not come; its instances
 * are then rescheduled. A lost worker that comes back is sent its desired list, which no longer
 * names the moved instances, so it stops its stale copies.
 *
 * <p>A node engine that says it is stopping on purpose (a restart, an upgrade) leaves its instances
 * running, so moving them would stop working copies for nothing: such a worker keeps them for
 * {@code workerRestartGrace} and is lost only if it is not back by then.
 */
@Component
public class WorkerWatch {
  private static final Logger log = LoggerFactory.getLogger(WorkerWatch.class);

  private final WorkerStore workers;
  private final WorkerReconciler reconciler;
  private final Clock clock;
  private final Liveness liveness;
  private final Instant startedAt;
  private final java.time.Duration startupGrace;
  // When each worker was last heard of in this process. The store's lastReportAt survives a
  // restart of the cluster, but a restart must not count as the workers' silence.
  private final Map<String, Instant> lastHeard = new ConcurrentHashMap<>();
  // Workers that reported to this process: a will from one of them is no replay of the startup.
  private final Set<String> reportedHere = ConcurrentHashMap.newKeySet();
  // Workers whose engine said it was stopping, and when.
  private final Map<String, Instant> stoppedAt = new ConcurrentHashMap<>();
  private final java.time.Duration restartGrace;

  WorkerWatch(
      WorkerStore workers, WorkerReconciler reconciler, Clock clock, ClusterProperties properties) {
    this.workers = workers;
    this.reconciler = reconciler;
    this.clock = clock;
    this.liveness =
        new Liveness(
            properties.timing().workerReportInterval(), properties.timing().missedReports());
    this.startedAt = clock.instant();
    this.startupGrace = properties.timing().startupGrace();
    this.restartGrace = properties.timing().workerRestartGrace();
  }

  public void report(String nodeId, Fingerprint fingerprint) {
    workers
        .find(nodeId)
        .ifPresent(
            w -> {
              Instant now = clock.instant();
              lastHeard.put(nodeId, now);
              reportedHere.add(nodeId);
              stoppedAt.remove(nodeId);
              workers.save(w.reported(fingerprint, now));
              if (!w.active()) {
                back(w, "reports again");
              }
            });
  }

  /**
   * A sign of life other than a report, e.g. a restarted engine registering again: the
   * missed-reports countdown starts anew, so a slow restart is not taken for a loss.
   */
  public void heard(String nodeId) {
    lastHeard.put(nodeId, clock.instant());
  }

  /**
   * The worker's {@code liveness}: online, its last will, or its engine stopping on purpose ({@code
   * stopping}).
   */
  public void liveness(String nodeId, boolean online, boolean stopping) {
    workers
        .find(nodeId)
        .ifPresent(
            w -> {
              if (online) {
                lastHeard.put(nodeId, clock.instant());
                stoppedAt.remove(nodeId);
                if (!w.active()) {
                  workers.save(w.withActive(true));
                }
                // Also when it was active: a reconnect may have lost commands in between.
                back(w, "connected");
              } else if (w.active() && stopping) {
                stoppedAt.put(nodeId, clock.instant());
                log.info(
                    "worker {} ({}): its engine is stopping; its instances keep running and stay"
                        + " there unless it is not back within {} s",
                    nodeId,
                    w.name(),
                    restartGrace.toSeconds());
              } else if (w.active()
                  && inStartupGrace(clock.instant())
                  && !reportedHere.contains(nodeId)) {
                // Wills published right after a restart may be the restart's own (a restarted
                // broker publishes the wills of the connections it lost); the worker is then back
                // moments later. So the will only starts the missed-reports countdown: a worker
                // that really died is lost a few report intervals later, not at once. A worker
                // that has reported since this start is past that: its will is news.
                lastHeard.put(nodeId, clock.instant());
                log.info(
                    "worker {} ({}): last will during the startup grace; lost unless it reports"
                        + " within {} s",
                    nodeId,
                    w.name(),
                    liveness.grace().toSeconds());
              } else if (w.active()) {
                lost(w, "its connection dropped (last will)");
              }
            });
  }

  /** Runs every second: workers silent for longer than the allowed misses are lost. */
  public void sweep() {
    Instant now = clock.instant();
    boolean inStartupGrace = inStartupGrace(now);
    for (WorkerRecord w : workers.all()) {
      Instant last = lastHeard.get(w.nodeId());
      if (!w.active() || (last == null && inStartupGrace)) {
        continue;
      }
      Instant stopped = stoppedAt.get(w.nodeId());
      if (stopped != null) {
        if (now.isAfter(stopped.plus(restartGrace))) {
          lost(w, "its engine stopped and was not back within " + restartGrace.toSeconds() + " s");
        }
        continue;
      }
      if (liveness.lost(last == null ? startedAt.plus(startupGrace) : last, now)) {
        lost(w, "no report for " + liveness.grace().toSeconds() + " s");
      }
    }
  }

  private boolean inStartupGrace(Instant now) {
    return now.isBefore(startedAt.plus(startupGrace));
  }

  private void lost(WorkerRecord w, String why) {
    log.warn("worker {} ({}) lost: {}", w.nodeId(), w.name(), why);
    stoppedAt.remove(w.nodeId());
    workers.save(w.withActive(false));
    reconciler.workerLost(w.nodeId(), why);
  }

  private void back(WorkerRecord w, String how) {
    log.info("worker {} ({}) {}", w.nodeId(), w.name(), how);
    reconciler.sendDesired(w.nodeId());
  }
}
