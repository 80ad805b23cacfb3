package io.canopy.sla;

/** Strict textual IP address checks, without any name lookup. */
final class Ip {
  private Ip() {}

  /** The address as an unsigned 32-bit value, or -1 when {@code text} is not dotted-quad IPv4. */
  static long ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return -1;
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        return -1; // leading zeros read as octal in some tools: refuse the ambiguity
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        return -1;
      }
      value = value << 8 | octet;
    }
    return value;
  }

  /** Whether {@code text} is an IPv6 address in RFC 4291 text form (no zone, no prefix). */
  static boolean isIpv6(String text) {
    if (text.isEmpty() || text.length() > 45) {
      return false;
    }
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
    String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
    // An embedded IPv4 address may only end the whole address.
    int headGroups = countGroups(head, doubleColon < 0);
    int tailGroups = countGroups(tail, true);
    if (headGroups < 0 || tailGroups < 0) {
      return false;
    }
    int total = headGroups + tailGroups;
    return doubleColon >= 0 ? total <= 7 : total == 8;
  }

  /**
   * The number of 16-bit groups in a colon-separated run ("" has none), an IPv4 tail counting as
   * two where allowed; -1 when malformed.
   */
  private static int countGroups(String run, boolean ipv4TailAllowed) {
    if (run.isEmpty()) {
      return 0;
    }
    String[] parts = run.split(":", -1);
    int count = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (i == parts.length - 1 && ipv4TailAllowed && part.contains(".")) {
        if (ipv4(part) < 0) {
          return -1;
        }
        count += 2;
      } else if (part.isEmpty() || part.length() > 4 || !isHex(part)) {
        return -1;
      } else {
        count++;
      }
    }
    return count;
  }

  private static boolean isHex(String s) {
    return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
  }
}
