package io.canopy.core.address;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Service addresses in 10.30.0.0/16. Pure: it decides from the set of taken addresses it is given.
 * The store makes allocation atomic: a unique index on the address, and on a clash it takes the
 * next free one and tries again.
 *
 * <p>A requested {@code rr_ip} may be any host address of the range (only the range's network and
 * broadcast addresses and reserved ones are refused); addresses handed out automatically also skip
 * every {@code x.y.z.0} and {@code x.y.z.255}, which some tools take for network or broadcast
 * addresses of a /24.
 */
public final class ServiceIpPool {
  public static final String RANGE = "10.30.0.0/16";
  private static final Cidr CIDR = Cidr.parse(RANGE).orElseThrow();

  private final Set<Integer> reserved;

  public ServiceIpPool() {
    this(Set.of());
  }

  /**
   * @param reserved addresses inside the range never to be handed out
   */
  public ServiceIpPool(Set<String> reserved) {
    Set<Integer> r = new HashSet<>();
    for (String ip : reserved) {
      int v = Ipv4.parseOrThrow(ip);
      if (!CIDR.contains(v)) {
        throw new IllegalArgumentException("reserved address " + ip + " is outside " + RANGE);
      }
      r.add(v);
    }
    this.reserved = Set.copyOf(r);
  }

  /**
   * Whether {@code requested} can be given out.
   *
   * @param taken address → who holds it (e.g. the service's full name)
   */
  public IpCheck check(String requested, Map<String, String> taken) {
    OptionalInt parsed = Ipv4.parse(requested);
    if (parsed.isEmpty()) {
      return new IpCheck.Invalid("\"" + requested + "\" is not an IPv4 address");
    }
    int ip = parsed.getAsInt();
    String text = Ipv4.format(ip);
    if (!CIDR.contains(ip)) {
      return new IpCheck.Invalid(text + " is outside the service range " + RANGE);
    }
    if (ip == CIDR.base() || ip == CIDR.last()) {
      return new IpCheck.Invalid(
          text
              + " is the "
              + (ip == CIDR.base() ? "network" : "broadcast")
              + " address of "
              + RANGE);
    }
    if (reserved.contains(ip)) {
      return new IpCheck.Invalid(text + " is reserved");
    }
    String holder = byValue(taken).get(ip);
    if (holder != null) {
      return new IpCheck.Taken(text, holder, text + " is already held by " + holder);
    }
    return new IpCheck.Free(text);
  }

  /** The lowest free address, or empty when the range is full. */
  public Optional<String> next(Collection<String> taken) {
    return free(taken).findFirst();
  }

  /**
   * Every free address, lowest first, lazily: on a unique-index clash the store tries the next one
   * without reloading what is taken.
   */
  public Stream<String> free(Collection<String> taken) {
    Set<Integer> used = values(taken);
    return IntStream.rangeClosed(CIDR.base() + 1, CIDR.last() - 1)
        .filter(ip -> (ip & 0xff) != 0 && (ip & 0xff) != 255)
        .filter(ip -> !used.contains(ip) && !reserved.contains(ip))
        .mapToObj(Ipv4::format);
  }

  /** Whether the text is an address of the range (network and broadcast included). */
  public boolean contains(String ip) {
    OptionalInt v = Ipv4.parse(ip);
    return v.isPresent() && CIDR.contains(v.getAsInt());
  }

  private static Set<Integer> values(Collection<String> ips) {
    Set<Integer> out = new HashSet<>();
    for (String ip : ips) {
      Ipv4.parse(ip).ifPresent(out::add);
    }
    return out;
  }

  private static Map<Integer, String> byValue(Map<String, String> taken) {
    Map<Integer, String> out = new HashMap<>();
    taken.forEach((ip, holder) -> Ipv4.parse(ip).ifPresent(v -> out.put(v, holder)));
    return out;
  }
}
