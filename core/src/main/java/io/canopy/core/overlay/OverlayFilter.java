package io.canopy.core.overlay;

import io.canopy.core.address.Cidr;
import io.canopy.core.address.IpCheck;
import io.canopy.core.address.Ipv4;
import io.canopy.core.address.ServiceIpPool;
import io.canopy.core.address.SubnetPool;
import io.canopy.core.address.WorkerSubnet;
import io.canopy.wire.net.OverlayView;
import io.canopy.wire.net.Peer;
import io.canopy.wire.net.ServiceInstance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Keeps what can be trusted of an overlay that came from another tier (a cluster's report at the
 * root, the root's relay at a cluster). Each bad entry is left out on its own, named in one
 * sentence, so one wrong worker does not take the rest of a cluster off the overlay; a view that is
 * too large is left out whole. What is kept always passes the net manager's table check when merged
 * with tables whose subnets it was checked against.
 *
 * <p>A peer needs a key of {@code [A-Za-z0-9_.@-]}, a usable unicast underlay address (not
 * loopback, multicast or inside the overlay's own ranges) and a worker subnet that overlaps neither
 * the {@code reserved} blocks (the receiver's own subnets) nor an earlier peer. An instance needs a
 * service IP in 10.30.0.0/16, an id, and an instance address of a kept peer's subnet together with
 * that peer's underlay: nothing can be routed to an address outside the subnets the tunnel knows.
 */
public final class OverlayFilter {
  /** Every /26 of the worker range: more peers than that cannot all be real. */
  public static final int MAX_PEERS = new SubnetPool().size();

  /** A bound far above any real overlay, so a runaway report cannot flood every worker's table. */
  public static final int MAX_INSTANCES = 65_536;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.@-]{1,200}");
  private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final int OVERLAY_FIRST = Ipv4.parseOrThrow(SubnetPool.FIRST);
  private static final int OVERLAY_LAST = Ipv4.parseOrThrow("10.30.255.255");
  private static final ServiceIpPool SERVICE_IPS = new ServiceIpPool();

  private OverlayFilter() {}

  /**
   * @param kept the usable part, in the order given
   * @param problems one sentence per entry left out
   */
  public record Result(OverlayView kept, List<String> problems) {}

  /** The usable part of {@code view}; peers must not overlap any of {@code reserved}. */
  public static Result filter(OverlayView view, Collection<Cidr> reserved) {
    List<String> problems = new ArrayList<>();
    if (view == null) {
      return new Result(OverlayView.EMPTY, problems);
    }
    if (view.peers().size() > MAX_PEERS || view.instanceCount() > MAX_INSTANCES) {
      problems.add(
          "the overlay lists %d workers and %d instances, more than the %d and %d allowed: ignored"
              .formatted(view.peers().size(), view.instanceCount(), MAX_PEERS, MAX_INSTANCES));
      return new Result(OverlayView.EMPTY, problems);
    }
    Map<String, Peer> peers = peers(view.peers(), reserved, problems);
    // the kept subnets do not overlap: the one below an address is the only one that can hold it
    NavigableMap<Long, Peer> bySubnet = new TreeMap<>();
    peers
        .values()
        .forEach(p -> bySubnet.put(unsigned(SubnetPool.workerBlock(p.subnet()).base()), p));
    Map<String, List<ServiceInstance>> services = new LinkedHashMap<>();
    view.services()
        .forEach(
            (serviceIp, instances) -> {
              List<ServiceInstance> kept = instances(serviceIp, instances, bySubnet, problems);
              if (!kept.isEmpty()) {
                services.put(serviceIp, kept);
              }
            });
    return new Result(new OverlayView(services, peers), problems);
  }

  private static Map<String, Peer> peers(
      Map<String, Peer> given, Collection<Cidr> reserved, List<String> problems) {
    List<Cidr> taken = new ArrayList<>(reserved);
    Map<String, Peer> kept = new LinkedHashMap<>();
    given.forEach(
        (key, peer) -> {
          String where = "worker " + key;
          if (key == null || !KEY.matcher(key).matches()) {
            problems.add("a worker key is not 1-200 of [A-Za-z0-9_.@-]: '" + key + "'");
            return;
          }
          if (peer == null) {
            problems.add(where + " has no underlay address and subnet");
            return;
          }
          String underlayProblem = underlayProblem(peer.underlay());
          if (underlayProblem != null) {
            problems.add(where + ": " + underlayProblem);
            return;
          }
          Cidr subnet;
          try {
            subnet = SubnetPool.workerBlock(peer.subnet());
          } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return;
          }
          for (Cidr other : taken) {
            if (other.overlaps(subnet)) {
              problems.add(where + ": subnet " + subnet + " overlaps " + other);
              return;
            }
          }
          taken.add(subnet);
          kept.put(key, peer);
        });
    return kept;
  }

  private static List<ServiceInstance> instances(
      String serviceIp,
      List<ServiceInstance> given,
      NavigableMap<Long, Peer> peers,
      List<String> problems) {
    String where = "service IP " + serviceIp;
    if (!Ipv4.isCanonical(serviceIp)
        || !(SERVICE_IPS.check(serviceIp, Map.of()) instanceof IpCheck.Free)) {
      problems.add("'" + serviceIp + "' is not a service IP of " + ServiceIpPool.RANGE);
      return List.of();
    }
    if (given == null) {
      return List.of();
    }
    List<ServiceInstance> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ServiceInstance instance : given) {
      String problem = instanceProblem(instance, peers);
      if (problem == null && !seen.add(instance.instanceIp())) {
        problem = "lists " + instance.instanceIp() + " twice";
      }
      if (problem != null) {
        problems.add(where + ": " + problem);
      } else {
        kept.add(instance);
      }
    }
    return kept;
  }

  private static String instanceProblem(ServiceInstance instance, NavigableMap<Long, Peer> peers) {
    if (instance == null) {
      return "an instance is null";
    }
    String id = instance.instanceId();
    if (id == null || !INSTANCE_ID.matcher(id).matches()) {
      return "an instance id is not 1-64 of [A-Za-z0-9_.-]: '" + id + "'";
    }
    String ip = instance.instanceIp();
    if (!Ipv4.isCanonical(ip)) {
      return "instance " + id + " has no valid instance IP: '" + ip + "'";
    }
    Map.Entry<Long, Peer> below = peers.floorEntry(unsigned(Ipv4.parseOrThrow(ip)));
    WorkerSubnet subnet = below == null ? null : WorkerSubnet.of(below.getValue().subnet());
    if (subnet == null || !subnet.block().contains(ip)) {
      return "instance " + id + ": " + ip + " is in no listed worker's subnet";
    }
    if (!subnet.isInstanceAddress(ip)) {
      return "instance " + id + ": " + ip + " is not an instance address of " + subnet;
    }
    String underlay = below.getValue().underlay();
    if (!underlay.equals(instance.underlay())) {
      return "instance %s: underlay '%s' is not %s, the underlay of the worker with %s"
          .formatted(id, instance.underlay(), underlay, subnet);
    }
    return null;
  }

  private static long unsigned(int ip) {
    return Integer.toUnsignedLong(ip);
  }

  /** Null when {@code text} is an address a VXLAN tunnel can send to; else why not. */
  static String underlayProblem(String text) {
    if (!Ipv4.isCanonical(text)) {
      return "underlay '" + text + "' is not an IPv4 address";
    }
    int ip = Ipv4.parseOrThrow(text);
    int first = ip >>> 24;
    if (first == 0 || first == 127 || first >= 224) {
      return "underlay " + text + " is not a unicast address another host can reach";
    }
    if (Ipv4.compare(ip, OVERLAY_FIRST) >= 0 && Ipv4.compare(ip, OVERLAY_LAST) <= 0) {
      return "underlay " + text + " lies inside the overlay's own addresses";
    }
    return null;
  }
}
