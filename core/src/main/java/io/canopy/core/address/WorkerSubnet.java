package io.canopy.core.address;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The addresses inside one worker's subnet: the first host is the gateway (the worker's bridge),
 * the rest up to the broadcast address go to instances.
 */
public final class WorkerSubnet {
  private final Cidr cidr;

  private WorkerSubnet(Cidr cidr) {
    this.cidr = cidr;
  }

  /**
   * @param cidr e.g. {@code 10.18.0.64/26}; at most /30, so it has a gateway and an instance
   * @throws IllegalArgumentException when it is not an aligned block of that size
   */
  public static WorkerSubnet of(String cidr) {
    Cidr c =
        Cidr.parse(cidr)
            .orElseThrow(
                () -> new IllegalArgumentException("\"" + cidr + "\" is not an aligned IPv4 CIDR"));
    if (c.prefix() > 30) {
      throw new IllegalArgumentException(cidr + " is too small for a gateway and an instance");
    }
    return new WorkerSubnet(c);
  }

  public String cidr() {
    return cidr.toString();
  }

  /** The block as a value: its network address and membership tests. */
  public Cidr block() {
    return cidr;
  }

  public int prefix() {
    return cidr.prefix();
  }

  public String gateway() {
    return Ipv4.format(cidr.base() + 1);
  }

  public String broadcast() {
    return Ipv4.format(cidr.last());
  }

  /** How many instances fit: every host address but the gateway. */
  public int instanceCapacity() {
    return (int) cidr.size() - 3;
  }

  /** Whether {@code ip} may be an instance's address here. */
  public boolean isInstanceAddress(String ip) {
    OptionalInt v = Ipv4.parse(ip);
    return v.isPresent()
        && cidr.contains(v.getAsInt())
        && v.getAsInt() != cidr.base()
        && v.getAsInt() != cidr.base() + 1
        && v.getAsInt() != cidr.last();
  }

  /** The lowest free instance address, or empty when the subnet is full. */
  public Optional<String> nextInstanceIp(Collection<String> taken) {
    return freeInstanceIps(taken).findFirst();
  }

  /** Every free instance address, lowest first, lazily. */
  public Stream<String> freeInstanceIps(Collection<String> taken) {
    Set<Integer> used = new HashSet<>();
    for (String ip : taken) {
      Ipv4.parse(ip).ifPresent(used::add);
    }
    return IntStream.range(cidr.base() + 2, cidr.last())
        .filter(ip -> !used.contains(ip))
        .mapToObj(Ipv4::format);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkerSubnet w && w.cidr.equals(cidr);
  }

  @Override
  public int hashCode() {
    return cidr.hashCode();
  }

  @Override
  public String toString() {
    return cidr.toString();
  }
}
