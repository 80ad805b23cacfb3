package io.canopy.node.runtime.libvirt;

import io.canopy.node.runtime.WorkloadRuntime.ExitListener;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports guests that stop by themselves by polling this node's domains (libvirt's events would
 * need libvirt's event loop running in a native thread; a poll every half second is cheap). A
 * domain counts as running once a poll saw it running or {@link #track} was told it started; when
 * it is then found shut off or gone, the listener hears {@code exited}. Domains Canopy stops on
 * purpose are {@link #forget forgotten} first. Whenever libvirtd answers again after a failed poll
 * (and on the first poll), the listener is asked to resync.
 */
final class DomainWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DomainWatcher.class);

  private final OwnDomains domains;
  private final ExitListener listener;
  private final Duration period;
  private final Map<String, String> running = new ConcurrentHashMap<>(); // name → instance id
  private final Thread thread;
  private volatile boolean open = true;
  private boolean healthy;

  DomainWatcher(OwnDomains domains, ExitListener listener, Duration period) {
    this.domains = domains;
    this.listener = listener;
    this.period = period;
    this.thread = Thread.ofPlatform().daemon().name("libvirt-watch").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** A domain Canopy just started: its end must be reported even if no poll saw it run. */
  void track(String name, String instanceId) {
    running.put(name, instanceId);
  }

  /** A domain Canopy is stopping: its end is no news. */
  void forget(String name) {
    running.remove(name);
  }

  private void run() {
    while (open) {
      poll();
      try {
        Thread.sleep(period.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void poll() {
    // only domains known before listing can be missing from it: one tracked meanwhile is not
    Set<String> before = Set.copyOf(running.keySet());
    List<OwnDomains.Found> found;
    try {
      found = domains.list();
    } catch (LibvirtException | RuntimeException e) {
      if (healthy) {
        log.warn("cannot list domains ({}); retrying", e.getMessage());
      }
      healthy = false;
      return;
    }
    Set<String> seen = new HashSet<>();
    for (OwnDomains.Found f : found) {
      seen.add(f.name());
      if (f.observation().running()) {
        running.putIfAbsent(f.name(), f.metadata().instanceId());
      } else {
        ended(f.name());
      }
    }
    for (String name : before) {
      if (!seen.contains(name)) {
        ended(name);
      }
    }
    if (!healthy) {
      healthy = true;
      listener.resync(); // exits may have happened while nobody could look
    }
  }

  private void ended(String name) {
    String instanceId = running.remove(name);
    if (instanceId != null) {
      try {
        listener.exited(instanceId, name);
      } catch (RuntimeException e) {
        log.warn("exit listener failed for {}: {}", name, e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    open = false;
    thread.interrupt();
  }
}
