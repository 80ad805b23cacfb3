package io.canopy.core.address;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Worker subnets: /26 blocks (62 hosts: a gateway and 61 instances) from 10.18.0.0 to
 * 10.29.255.255, 12 288 of them. Pure like {@link ServiceIpPool}: the root's store makes the grant
 * atomic with a unique index on the block.
 */
public final class SubnetPool {
  public static final int PREFIX = 26;
  public static final String FIRST = "10.18.0.0";
  public static final String LAST = "10.29.255.255";

  /** The whole range, {@code 10.18.0.0-10.29.255.255}, as nftables writes a range. */
  public static final String RANGE = FIRST + "-" + LAST;

  private static final int START = Ipv4.parseOrThrow(FIRST);
  private static final int END = Ipv4.parseOrThrow(LAST);
  private static final int BLOCK = 1 << (32 - PREFIX);

  /** How many blocks the pool holds. */
  public int size() {
    return (int) ((Integer.toUnsignedLong(END) - Integer.toUnsignedLong(START) + 1) / BLOCK);
  }

  /** The lowest free block as CIDR text, or empty when every block is taken. */
  public Optional<String> next(Collection<String> taken) {
    return free(taken).findFirst();
  }

  /** Every free block, lowest first, lazily. */
  public Stream<String> free(Collection<String> taken) {
    Set<Integer> used = new HashSet<>();
    for (String cidr : taken) {
      Cidr.parse(cidr).ifPresent(c -> used.add(c.base()));
    }
    return IntStream.range(0, size())
        .map(i -> START + i * BLOCK)
        .filter(base -> !used.contains(base))
        .mapToObj(base -> new Cidr(base, PREFIX).toString());
  }

  /** Whether the text is one of this pool's blocks (aligned /26 inside the range). */
  public boolean contains(String cidr) {
    return Cidr.parse(cidr)
        .filter(c -> c.prefix() == PREFIX)
        .filter(SubnetPool::covers)
        .isPresent();
  }

  /**
   * A worker subnet as network tables carry it: exactly {@code a.b.c.d/n} (see {@link
   * Cidr#parseCanonical}), between /16 and /30, inside the range.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Cidr workerBlock(String text) {
    Cidr subnet = Cidr.parseCanonical(text);
    if (subnet.prefix() < 16 || subnet.prefix() > 30) {
      throw new IllegalArgumentException(subnet + " must have a prefix length between /16 and /30");
    }
    if (!covers(subnet)) {
      throw new IllegalArgumentException(subnet + " is outside " + RANGE);
    }
    return subnet;
  }

  /**
   * Whether the whole block, of any size, lies inside the range: a worker subnet of another size or
   * a single instance address ({@code /32}) that belongs to the overlay.
   */
  public static boolean covers(Cidr block) {
    return Ipv4.compare(block.base(), START) >= 0 && Ipv4.compare(block.last(), END) <= 0;
  }
}
