package io.canopy.node.instance;

import io.canopy.node.runtime.Observation;
import io.canopy.node.runtime.RuntimeHandle;
import io.canopy.node.runtime.Runtimes;
import io.canopy.node.runtime.StartResult;
import io.canopy.node.runtime.WorkloadRuntime;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.InstanceState;
import io.canopy.wire.InstanceStatus;
import io.canopy.wire.node.NodeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local instance table: applies Start, Stop and Desired idempotently, turns workload exits into
 * statuses, keeps every instance's handle on disk and publishes each change at once.
 */
public final class InstanceService implements WorkloadRuntime.ExitListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InstanceService.class);

  private final Runtimes runtimes;
  private final HandleStore store;
  private final InstanceNetwork network;
  private final Outbox outbox;
  private final Statuses statuses;
  private final Duration stopGrace;
  private final Map<String, Entry> table = new ConcurrentHashMap<>();
  private final ExecutorService pool =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("instance-", 0).factory());
  private final KeyedQueue queue = new KeyedQueue(pool);

  public InstanceService(
      Runtimes runtimes,
      Path dataDir,
      InstanceNetwork network,
      Outbox outbox,
      String nodeId,
      String nodeName,
      Supplier<String> publicIp,
      Duration stopGrace) {
    this.runtimes = runtimes;
    this.store = new HandleStore(dataDir);
    this.network = network;
    this.outbox = outbox;
    this.statuses = new Statuses(nodeId, nodeName, publicIp);
    this.stopGrace = stopGrace;
  }

  /**
   * Rebuilds the table after a restart from the handles on disk and this node's labelled workloads.
   * Running workloads are kept as they are (same ids, not restarted).
   */
  public void reattach() {
    new Reattachment(runtimes, store, network, statuses)
        .entries()
        .forEach(e -> table.put(e.status().instanceId(), e));
    log.info("reattached {} instance(s)", table.size());
  }

  public CompletableFuture<Void> start(InstanceSpec spec) {
    return queue.submit(spec.instanceId(), () -> doStart(spec));
  }

  private void doStart(InstanceSpec spec) {
    String id = spec.instanceId();
    Entry existing = table.get(id);
    if (existing != null) {
      InstanceState state = existing.status().state();
      if (state == InstanceState.RUNNING || state == InstanceState.CREATING) {
        if (existing.spec() == null) {
          table.put(id, new Entry(spec, existing.handle(), existing.status(), false));
          store.save(new StoredInstance(id, spec, existing.handle()));
        }
        return; // already runs: Start is idempotent
      }
      if (existing.handle() != null) {
        network.detach(id);
        runtimes.stop(existing.handle(), Duration.ZERO); // the old, exited copy
      }
    }
    String wanted = virtualization(spec);
    WorkloadRuntime runtime = runtimes.forKind(wanted).orElse(null);
    if (runtime == null) {
      fail(spec, "this worker has no " + wanted + " runtime");
      return;
    }
    publish(
        new Entry(
            spec, null, statuses.of(id, InstanceState.CREATING, null, null, null, null), false));
    store.save(new StoredInstance(id, spec, null));
    StartResult result;
    try {
      result = runtime.start(spec);
    } catch (RuntimeException e) {
      // e.g. the runtime's daemon went away mid-start: the instance failed, the engine goes on
      log.error("starting {} failed unexpectedly", id, e);
      result = new StartResult.Failed(wanted + " runtime error: " + e.getMessage());
    }
    switch (result) {
      case StartResult.Failed failed -> {
        network.detach(id); // what the runtime may have asked for already (a guest's tap)
        fail(spec, failed.reason());
      }
      case StartResult.Started started -> {
        RuntimeHandle h = started.handle();
        log.info(
            "started instance {} of {} as {} {}",
            id,
            spec.serviceFullName(),
            wanted,
            h.runtimeId());
        store.save(new StoredInstance(id, spec, h));
        Observation o = started.observation();
        if (o.running()) {
          String ip;
          try {
            ip = network.attach(id, o.pid(), PublishedPorts.of(spec));
          } catch (RuntimeException e) {
            // e.g. its host port is taken: like a refused docker start, nothing is left behind
            network.detach(id);
            runtimes.stop(h, Duration.ZERO);
            fail(spec, "could not attach it to the network: " + e.getMessage());
            return;
          }
          publish(
              new Entry(
                  spec,
                  h,
                  statuses.of(id, InstanceState.RUNNING, h.runtimeId(), ip, null, null),
                  false));
        } else {
          // exited before we looked (a quick one-shot): report the end, not a RUNNING that never
          // was
          publish(new Entry(spec, h, statuses.ended(h, o, ""), false));
        }
      }
    }
  }

  private static String virtualization(InstanceSpec spec) {
    try {
      return spec.service().virtualizationKind().json();
    } catch (IllegalArgumentException e) {
      return String.valueOf(spec.service().virtualization());
    }
  }

  private void fail(InstanceSpec spec, String reason) {
    log.warn("instance {} failed: {}", spec.instanceId(), reason);
    store.save(new StoredInstance(spec.instanceId(), spec, null));
    publish(
        new Entry(
            spec,
            null,
            statuses.of(spec.instanceId(), InstanceState.FAILED, null, null, null, reason),
            false));
  }

  /**
   * Attaches running workloads that have no network address yet. Called after each network table:
   * the first one brings the worker's subnet, which workloads started or reattached before it could
   * not get an address from.
   */
  public void attachUnaddressed() {
    if (!network.providesContainerNetwork()) {
      return;
    }
    for (Entry e : table.values()) {
      if (unaddressed(e)) {
        String id = e.status().instanceId();
        queue.submit(id, () -> attachLate(id));
      }
    }
  }

  private static boolean unaddressed(Entry e) {
    return e != null
        && !e.stopping()
        && e.handle() != null
        && e.status().state() == InstanceState.RUNNING
        && e.status().instanceIp() == null;
  }

  private void attachLate(String id) {
    Entry e = table.get(id);
    if (!unaddressed(e)) {
      return;
    }
    Observation o = runtimes.inspect(e.handle());
    if (!o.running()) {
      return; // its exit event is on the way
    }
    String ip;
    try {
      ip = network.attach(id, o.pid(), PublishedPorts.of(e.spec()));
    } catch (RuntimeException ex) {
      log.warn("could not attach {} to the network: {}", id, ex.getMessage());
      return;
    }
    if (ip != null) {
      publish(
          e.with(statuses.of(id, InstanceState.RUNNING, e.handle().runtimeId(), ip, null, null)));
    }
  }

  public CompletableFuture<Void> stop(String instanceId) {
    return queue.submit(instanceId, () -> doStop(instanceId));
  }

  private void doStop(String id) {
    Entry e = table.get(id);
    if (e == null) {
      return; // stopped before: Stop is idempotent
    }
    table.put(id, new Entry(e.spec(), e.handle(), e.status(), true));
    String runtimeId = null;
    if (e.handle() != null) {
      network.detach(id);
      runtimes.stop(e.handle(), stopGrace);
      runtimeId = e.handle().runtimeId();
      log.info("removed instance {} ({} {})", id, e.handle().runtime(), runtimeId);
    }
    store.delete(id);
    table.remove(id);
    outbox.send(
        new NodeMessage.InstanceChanged(
            statuses.of(id, InstanceState.UNDEPLOYED, runtimeId, null, null, null)));
  }

  /**
   * Makes the table match the cluster's list: unlisted instances (and unknown workloads of this
   * node) are removed, listed ones that are missing here are started. Listed instances that exist,
   * whatever their state, are left alone: restarting dead ones is the cluster's call (backoff).
   * Finished instances are kept as they are (their logs stay readable) and never started again.
   */
  public CompletableFuture<Void> desired(List<InstanceSpec> instances, List<String> finished) {
    Set<String> wanted = new HashSet<>(finished);
    List<CompletableFuture<Void>> work = new ArrayList<>();
    for (InstanceSpec spec : instances) {
      wanted.add(spec.instanceId());
      work.add(queue.submit(spec.instanceId(), () -> ensure(spec)));
    }
    for (String id : List.copyOf(table.keySet())) {
      if (!wanted.contains(id)) {
        work.add(stop(id));
      }
    }
    return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
        .thenRunAsync(() -> removeStrays(wanted), pool);
  }

  private void ensure(InstanceSpec spec) {
    Entry existing = table.get(spec.instanceId());
    if (existing == null) {
      doStart(spec);
    } else if (existing.spec() == null) {
      // a workload adopted by label: now we know what it is
      table.put(spec.instanceId(), new Entry(spec, existing.handle(), existing.status(), false));
      store.save(new StoredInstance(spec.instanceId(), spec, existing.handle()));
    }
  }

  private void removeStrays(Set<String> wanted) {
    for (WorkloadRuntime.Recovered r : runtimes.recover()) {
      String id = r.handle().instanceId();
      Entry e = table.get(id);
      // a workload whose start is still under way has no handle yet, but it is no stray
      boolean starting =
          e != null && e.handle() == null && e.status().state() == InstanceState.CREATING;
      boolean known =
          starting
              || e != null
                  && e.handle() != null
                  && e.handle().runtimeId().equals(r.handle().runtimeId());
      if (!known && !wanted.contains(id)) {
        log.info("removing stray workload {} of instance {}", r.handle().runtimeId(), id);
        runtimes.stop(r.handle(), stopGrace);
      }
    }
  }

  @Override
  public void exited(String instanceId, String runtimeId) {
    queue.submit(instanceId, () -> checkExit(instanceId, runtimeId));
  }

  @Override
  public void resync() {
    for (Entry e : table.values()) {
      if (e.handle() != null && e.status().state() == InstanceState.RUNNING) {
        exited(e.status().instanceId(), e.handle().runtimeId());
      }
    }
  }

  private void checkExit(String instanceId, String runtimeId) {
    Entry e = table.get(instanceId);
    if (e == null
        || e.stopping()
        || e.handle() == null
        || !e.handle().runtimeId().equals(runtimeId)
        || e.status().state() != InstanceState.RUNNING) {
      return;
    }
    Observation o = runtimes.inspect(e.handle());
    if (o.running()) {
      return;
    }
    network.detach(instanceId);
    InstanceStatus ended = statuses.ended(e.handle(), o, "");
    log.info("instance {} ended: {} (exit code {})", instanceId, ended.state(), ended.exitCode());
    publish(e.with(ended));
  }

  private void publish(Entry entry) {
    table.put(entry.status().instanceId(), entry);
    outbox.send(new NodeMessage.InstanceChanged(entry.status()));
  }

  /** The last {@code lines} log lines, or a plain-English reason why there are none. */
  public Logs logs(String instanceId, int lines) {
    Entry e = table.get(instanceId);
    if (e == null) {
      return new Logs(List.of(), "no instance " + instanceId + " on this node");
    }
    if (e.handle() == null) {
      return new Logs(
          List.of(),
          "instance "
              + instanceId
              + " has no workload ("
              + e.status().state()
              + (e.status().reason() == null ? "" : ": " + e.status().reason())
              + ")");
    }
    WorkloadRuntime runtime = runtimes.of(e.handle()).orElse(null);
    if (runtime == null) {
      return new Logs(List.of(), "no " + e.handle().runtime() + " runtime on this node");
    }
    try {
      return new Logs(runtime.logs(e.handle(), lines), null);
    } catch (RuntimeException ex) {
      return new Logs(List.of(), "cannot read the logs: " + ex.getMessage());
    }
  }

  /** Log lines or an error. */
  public record Logs(List<String> lines, String error) {}

  public List<InstanceStatus> statuses() {
    return table.values().stream()
        .map(Entry::status)
        .sorted(Comparator.comparing(InstanceStatus::instanceId))
        .toList();
  }

  public Map<InstanceState, Long> countByState() {
    Map<InstanceState, Long> counts = new EnumMap<>(InstanceState.class);
    table.values().forEach(e -> counts.merge(e.status().state(), 1L, Long::sum));
    return counts;
  }

  /** Running instances' handles, for stats. */
  public List<RuntimeHandle> running() {
    return table.values().stream()
        .filter(e -> e.handle() != null && e.status().state() == InstanceState.RUNNING)
        .map(Entry::handle)
        .toList();
  }

  public Optional<InstanceStatus> status(String instanceId) {
    return Optional.ofNullable(table.get(instanceId)).map(Entry::status);
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
