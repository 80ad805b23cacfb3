package io.canopy.net.table;

import io.canopy.core.address.Cidr;
import io.canopy.core.address.Ipv4;
import io.canopy.core.address.ServiceIpPool;
import io.canopy.core.address.SubnetPool;
import io.canopy.wire.net.NetworkTable;
import io.canopy.wire.net.ServiceInstance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a {@link NetworkTable} can be programmed into the kernel. Addresses must be canonical
 * ({@link Ipv4#isCanonical}): they go verbatim into {@code ip}, {@code bridge} and {@code nft}
 * commands and are matched as strings against attachments.
 */
public final class NetworkTableCheck {
  private static final Cidr SERVICES = Cidr.parseCanonical(ServiceIpPool.RANGE);

  private NetworkTableCheck() {}

  /** Everything wrong with the table, each as one readable sentence; empty when it is usable. */
  public static List<String> problems(NetworkTable table) {
    List<String> problems = new ArrayList<>();
    Cidr own = checkSubnet("subnet", table.subnet(), problems);
    List<Cidr> known = new ArrayList<>();
    if (own != null) {
      known.add(own);
    }
    table
        .peers()
        .forEach(
            (workerId, peer) -> {
              String where = "peers." + workerId;
              if (workerId == null || workerId.isBlank()) {
                problems.add("a peer has a blank worker id");
              }
              if (peer == null) {
                problems.add(where + " is null");
                return;
              }
              if (!Ipv4.isCanonical(peer.underlay())) {
                problems.add(where + ".underlay is not an IPv4 address: '" + peer.underlay() + "'");
              }
              Cidr subnet = checkSubnet(where + ".subnet", peer.subnet(), problems);
              if (subnet != null) {
                for (Cidr other : known) {
                  if (other.overlaps(subnet)) {
                    problems.add(where + ".subnet " + subnet + " overlaps " + other);
                  }
                }
                known.add(subnet);
              }
            });
    table
        .services()
        .forEach((serviceIp, instances) -> checkService(serviceIp, instances, problems));
    return problems;
  }

  private static void checkService(
      String serviceIp, List<ServiceInstance> instances, List<String> problems) {
    String where = "services." + serviceIp;
    if (!Ipv4.isCanonical(serviceIp) || !SERVICES.contains(serviceIp)) {
      problems.add("service IP '" + serviceIp + "' is not in " + SERVICES);
    }
    if (instances == null) {
      problems.add(where + " has no instance list");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (ServiceInstance instance : instances) {
      if (instance == null || !Ipv4.isCanonical(instance.instanceIp())) {
        problems.add(
            where
                + " has an instance without a valid instanceIp: "
                + (instance == null ? "null" : "'" + instance.instanceIp() + "'"));
        continue;
      }
      Cidr single = new Cidr(Ipv4.parseOrThrow(instance.instanceIp()), 32);
      if (!SubnetPool.covers(single)) {
        problems.add(
            where + " instance " + instance.instanceIp() + " is outside " + SubnetPool.RANGE);
      }
      if (!seen.add(instance.instanceIp())) {
        problems.add(where + " lists instance " + instance.instanceIp() + " twice");
      }
      if (instance.underlay() != null && !Ipv4.isCanonical(instance.underlay())) {
        problems.add(
            where
                + " instance "
                + instance.instanceIp()
                + " has an invalid underlay '"
                + instance.underlay()
                + "'");
      }
    }
  }

  private static Cidr checkSubnet(String where, String text, List<String> problems) {
    try {
      return SubnetPool.workerBlock(text);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
      return null;
    }
  }
}
