package io.canopy.core.address;

import java.util.OptionalInt;

/** IPv4 addresses as unsigned 32-bit values held in an int: compact and easy to step through. */
public final class Ipv4 {
  private Ipv4() {}

  /** Dotted-quad text to its value; empty for anything else (no names, no leading zeros). */
  public static OptionalInt parse(String text) {
    if (text == null) {
      return OptionalInt.empty();
    }
    String[] parts = text.strip().split("\\.", -1);
    if (parts.length != 4) {
      return OptionalInt.empty();
    }
    int value = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return OptionalInt.empty();
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        return OptionalInt.empty(); // 010 is octal to some tools and decimal to others
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        return OptionalInt.empty();
      }
      value = (value << 8) | octet;
    }
    return OptionalInt.of(value);
  }

  public static int parseOrThrow(String text) {
    OptionalInt v = parse(text);
    if (v.isEmpty()) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 address");
    }
    return v.getAsInt();
  }

  /**
   * Whether {@code text} is an address exactly as {@link #format} writes it: no surrounding space,
   * nothing {@link #parse} would tidy. Text that goes verbatim into {@code ip}/{@code nft} commands
   * or is compared as a string must be canonical.
   */
  public static boolean isCanonical(String text) {
    OptionalInt v = parse(text);
    return v.isPresent() && format(v.getAsInt()).equals(text);
  }

  public static String format(int value) {
    return ((value >>> 24) & 0xff)
        + "."
        + ((value >>> 16) & 0xff)
        + "."
        + ((value >>> 8) & 0xff)
        + "."
        + (value & 0xff);
  }

  /** The mask of a prefix length, e.g. 26 → 255.255.255.192. */
  public static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  /** Unsigned comparison: 10.x sorts below 192.x even though ints are signed. */
  public static int compare(int a, int b) {
    return Integer.compareUnsigned(a, b);
  }
}
