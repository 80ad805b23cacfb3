package io.canopy.net.table;

/** Strict dotted-quad IPv4 addresses as unsigned 32-bit values held in an int. */
public final class Ipv4 {
  private Ipv4() {}

  /** Parses {@code a.b.c.d}; anything else (names, leading zeros, IPv6) is refused. */
  public static int parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("missing IPv4 address");
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
    }
    int value = 0;
    for (String part : parts) {
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(Character::isDigit)
          || (part.length() > 1 && part.charAt(0) == '0')) {
        throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  public static String format(int address) {
    return ((address >>> 24) & 0xff)
        + "."
        + ((address >>> 16) & 0xff)
        + "."
        + ((address >>> 8) & 0xff)
        + "."
        + (address & 0xff);
  }

  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
