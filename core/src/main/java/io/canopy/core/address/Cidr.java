package io.canopy.core.address;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A block of IPv4 addresses, {@code base/prefix}, with the base aligned to the prefix.
 *
 * @param base the network address
 * @param prefix 0–32
 */
public record Cidr(int base, int prefix) {

  public Cidr {
    if (prefix < 0 || prefix > 32 || (base & Ipv4.mask(prefix)) != base) {
      throw new IllegalArgumentException(
          Ipv4.format(base) + "/" + prefix + " is not an aligned CIDR block");
    }
  }

  /** {@code 10.18.0.64/26}; empty for anything else, including an unaligned base. */
  public static Optional<Cidr> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int slash = text.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    var base = Ipv4.parse(text.substring(0, slash));
    String p = text.substring(slash + 1).strip();
    if (base.isEmpty()
        || p.isEmpty()
        || p.length() > 2
        || !p.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(p);
    if (prefix > 32 || (base.getAsInt() & Ipv4.mask(prefix)) != base.getAsInt()) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(base.getAsInt(), prefix));
  }

  /**
   * Exactly {@code a.b.c.d/n} as {@link #toString} writes it (see {@link Ipv4#isCanonical}).
   *
   * @throws IllegalArgumentException naming what is wrong: not CIDR text, not an address, the
   *     prefix length, or host bits set in the base
   */
  public static Cidr parseCanonical(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    String p = slash < 0 ? "" : text.substring(slash + 1);
    if (p.isEmpty()
        || p.length() > 2
        || !p.chars().allMatch(Character::isDigit)
        || (p.length() > 1 && p.charAt(0) == '0')) {
      throw new IllegalArgumentException("not a CIDR subnet: '" + text + "'");
    }
    String address = text.substring(0, slash);
    if (!Ipv4.isCanonical(address)) {
      throw new IllegalArgumentException("not an IPv4 address: '" + address + "'");
    }
    int base = Ipv4.parseOrThrow(address);
    int prefix = Integer.parseInt(p);
    if (prefix > 32) {
      throw new IllegalArgumentException("prefix length out of range: " + prefix);
    }
    if ((base & Ipv4.mask(prefix)) != base) {
      throw new IllegalArgumentException("host bits set in " + text);
    }
    return new Cidr(base, prefix);
  }

  public long size() {
    return 1L << (32 - prefix);
  }

  public int last() {
    return base | ~Ipv4.mask(prefix);
  }

  public boolean contains(int ip) {
    return (ip & Ipv4.mask(prefix)) == base;
  }

  /** Whether {@code ip} is an address (as {@link Ipv4#parse} reads it) inside this block. */
  public boolean contains(String ip) {
    OptionalInt v = Ipv4.parse(ip);
    return v.isPresent() && contains(v.getAsInt());
  }

  /** Whether the two blocks share an address: then one holds the other. */
  public boolean overlaps(Cidr other) {
    int common = Ipv4.mask(Math.min(prefix, other.prefix));
    return (base & common) == (other.base & common);
  }

  @Override
  public String toString() {
    return Ipv4.format(base) + "/" + prefix;
  }
}
