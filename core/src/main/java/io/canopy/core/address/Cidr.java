package io.canopy.core.address;

import java.util.Optional;

/**
 * A block of IPv4 addresses, {@code base/prefix}, with the base aligned to the prefix.
 *
 * @param base the network address
 * @param prefix 0–32
 */
record Cidr(int base, int prefix) {

  Cidr {
    if (prefix < 0 || prefix > 32 || (base & Ipv4.mask(prefix)) != base) {
      throw new IllegalArgumentException(
          Ipv4.format(base) + "/" + prefix + " is not an aligned CIDR block");
    }
  }

  /** {@code 10.18.0.64/26}; empty for anything else, including an unaligned base. */
  static Optional<Cidr> parse(String text) {
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

  long size() {
    return 1L << (32 - prefix);
  }

  int last() {
    return base | ~Ipv4.mask(prefix);
  }

  boolean contains(int ip) {
    return (ip & Ipv4.mask(prefix)) == base;
  }

  @Override
  public String toString() {
    return Ipv4.format(base) + "/" + prefix;
  }
}
