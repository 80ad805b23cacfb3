package io.canopy.node.overlay;

import io.canopy.core.address.WorkerSubnet;
import io.canopy.net.Attachment;
import io.canopy.net.InstanceNamespace;
import io.canopy.net.NetStatus;
import io.canopy.net.PublishedPort;
import io.canopy.net.Tap;
import io.canopy.node.instance.InstanceNetwork;
import io.canopy.node.runtime.GuestNic;
import io.canopy.sla.PortMapping;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.ServiceInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's overlay, backed by the net manager: each container gets the next free instance IP of
 * the worker's subnet on a veth from the Canopy bridge, each unikernel guest one on a tap device
 * (chosen before it boots, as it reads its address from its kernel command line), published ports
 * are DNATed by the net manager, and every table of the cluster is applied as it arrives.
 *
 * <p>The net manager keeps each attachment in the kernel (the veth's alias), so after an engine
 * restart {@link #attach} finds a running container's address there instead of giving it a new one.
 * Before the first table the subnet is unknown: attach then returns null, and the engine attaches
 * such workloads after the table (see {@code InstanceService.attachUnaddressed}).
 */
public final class OverlayNetwork implements InstanceNetwork {
  private static final Logger log = LoggerFactory.getLogger(OverlayNetwork.class);

  /** How long a guest's start waits for the worker's first table (its subnet). */
  static final Duration FIRST_TABLE_WAIT = Duration.ofSeconds(30);

  private final NetLink net;
  private final boolean checkHostPorts;
  private final Duration firstTableWait;
  private final Map<String, PendingGuest> guests = new HashMap<>();
  private NetworkTable table;

  /** A guest whose tap exists and whose address is promised, not yet on the bridge. */
  private record PendingGuest(GuestNic nic, List<PublishedPort> ports) {}

  /**
   * @param checkHostPorts whether the worker's overlay lives in this process's network namespace,
   *     so a host port some local process holds can be refused
   */
  OverlayNetwork(NetLink net, boolean checkHostPorts) {
    this(net, checkHostPorts, FIRST_TABLE_WAIT);
  }

  OverlayNetwork(NetLink net, boolean checkHostPorts, Duration firstTableWait) {
    this.net = net;
    this.checkHostPorts = checkHostPorts;
    this.firstTableWait = firstTableWait;
  }

  @Override
  public synchronized String attach(String instanceId, long pid, List<PortMapping> published) {
    PendingGuest guest = guests.get(instanceId);
    if (guest != null) {
      net.attachTap(instanceId, guest.nic().address(), guest.ports());
      guests.remove(instanceId);
      return guest.nic().address();
    }
    if (pid <= 0 || sharesOurNamespace(pid)) {
      // no namespace of its own to wire: a guest, whose tap is on the bridge already when it was
      // attached before an engine restart
      return attached(net.status(), instanceId).orElse(null);
    }
    NetStatus status = net.status();
    Optional<String> existing = attached(status, instanceId);
    if (existing.isPresent()) {
      return existing.get();
    }
    NetworkTable known = table;
    if (known == null) {
      log.info(
          "{} gets its overlay address once the cluster sends this worker's subnet", instanceId);
      return null;
    }
    if (status.subnet() == null) {
      net.apply(known); // a standalone net manager that restarted since our last table
    }
    List<PublishedPort> ports = publishable(published);
    String ip = nextAddress(status, known);
    net.attach(instanceId, InstanceNamespace.ofPid(pid), ip, ports);
    return ip;
  }

  @Override
  public synchronized GuestNic guestNic(String instanceId, List<PortMapping> published) {
    NetworkTable known = awaitFirstTable(instanceId);
    NetStatus status = net.status();
    if (status.subnet() == null) {
      net.apply(known);
    }
    List<PublishedPort> ports = publishable(published);
    String ip = nextAddress(status, known);
    Tap tap = net.createTap(instanceId);
    WorkerSubnet subnet = WorkerSubnet.of(known.subnet());
    GuestNic nic = new GuestNic(tap.device(), ip, subnet.prefix(), subnet.gateway(), tap.mtu());
    guests.put(instanceId, new PendingGuest(nic, ports));
    return nic;
  }

  // A guest boots with its address, so it cannot start without the subnet: wait for the table,
  // which the cluster sends right after registration, a bounded while.
  private NetworkTable awaitFirstTable(String instanceId) {
    long deadline = System.nanoTime() + firstTableWait.toNanos();
    while (table == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "the cluster has not sent this worker's subnet within "
                + (firstTableWait.toMillis() % 1000 == 0
                    ? firstTableWait.toSeconds() + " s"
                    : firstTableWait.toMillis() + " ms")
                + ", so guest "
                + instanceId
                + " has no address to boot with");
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the worker's subnet", e);
      }
    }
    return table;
  }

  private static Optional<String> attached(NetStatus status, String instanceId) {
    return status.attachments().stream()
        .filter(a -> a.instanceId().equals(instanceId))
        .findFirst()
        .map(Attachment::instanceIp);
  }

  private List<PublishedPort> publishable(List<PortMapping> published) {
    List<PublishedPort> ports =
        published.stream()
            .map(p -> new PublishedPort(p.hostPort(), p.containerPort(), p.protocol()))
            .toList();
    if (checkHostPorts) {
      HostPorts.firstInUse(ports)
          .ifPresent(
              port -> {
                throw new IllegalArgumentException(
                    "host port "
                        + port.hostPort()
                        + "/"
                        + port.protocol()
                        + " is already in use on this worker");
              });
    }
    return ports;
  }

  private String nextAddress(NetStatus status, NetworkTable known) {
    WorkerSubnet subnet = WorkerSubnet.of(known.subnet());
    Set<String> taken = taken(status, known, subnet);
    guests.values().forEach(g -> taken.add(g.nic().address()));
    return subnet
        .nextInstanceIp(taken)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the worker's subnet " + subnet + " has no free instance address left"));
  }

  /**
   * Addresses attached here, and those the cluster still lists in this subnet: an address is not
   * handed out again while other workers may still send to it.
   */
  private static Set<String> taken(NetStatus status, NetworkTable table, WorkerSubnet subnet) {
    Set<String> taken = new HashSet<>();
    status.attachments().forEach(a -> taken.add(a.instanceIp()));
    for (List<ServiceInstance> instances : table.services().values()) {
      for (ServiceInstance instance : instances) {
        if (instance.instanceIp() != null && subnet.block().contains(instance.instanceIp())) {
          taken.add(instance.instanceIp());
        }
      }
    }
    return taken;
  }

  // A workload in the engine's own namespace (QEMU of a unikernel) must never get an "eth0" here.
  private static boolean sharesOurNamespace(long pid) {
    try {
      return Files.isSameFile(Path.of("/proc/" + pid + "/ns/net"), Path.of("/proc/self/ns/net"));
    } catch (IOException e) {
      return false; // gone already, or not Linux: the net manager reports what is wrong
    }
  }

  @Override
  public synchronized void detach(String instanceId) {
    guests.remove(instanceId);
    try {
      net.detach(instanceId);
    } catch (RuntimeException e) {
      // stopping the workload must go on; its veth dies with its namespace anyway
      log.warn("could not detach {} from the overlay: {}", instanceId, e.getMessage());
    }
  }

  @Override
  public synchronized void apply(NetworkTable next) {
    net.apply(next);
    if (table == null || !next.subnet().equals(table.subnet())) {
      log.info("overlay ({}): this worker's subnet is {}", net.describe(), next.subnet());
    }
    table = next;
    notifyAll(); // guests waiting for the first table
  }

  @Override
  public String toString() {
    return "overlay (" + net.describe() + ")";
  }
}
