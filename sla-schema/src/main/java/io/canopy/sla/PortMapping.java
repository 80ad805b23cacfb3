package io.canopy.sla;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One published port: a service's {@code port} is {@code host[:container][/tcp|udp]} entries
 * separated by {@code ;}, e.g. {@code 80:8080/tcp;53/udp}. A lone port maps to the same port
 * inside; the protocol defaults to tcp.
 *
 * @param hostPort 1–65535, the worker's port
 * @param containerPort 1–65535, the workload's port
 * @param protocol {@code tcp} or {@code udp}
 */
public record PortMapping(int hostPort, int containerPort, String protocol) {

  private static final Pattern ENTRY =
      Pattern.compile("[ \t]*([0-9]{1,9})(?::([0-9]{1,9}))?(?:/([A-Za-z]+))?[ \t]*");
  private static final Pattern BLANK = Pattern.compile("[ \t]*");

  /** Back to SLA syntax, e.g. {@code 80:8080/tcp}. */
  public String spec() {
    return hostPort + ":" + containerPort + "/" + protocol;
  }

  /**
   * Parses a service's {@code port} field; null or blank means no ports. Empty entries (a trailing
   * {@code ;}) are skipped.
   *
   * @throws IllegalArgumentException with a plain-English reason when an entry is malformed
   */
  public static List<PortMapping> parseAll(String port) {
    List<PortMapping> out = new ArrayList<>();
    if (port == null) {
      return out;
    }
    for (String entry : port.split(";", -1)) {
      if (!BLANK.matcher(entry).matches()) {
        out.add(parse(entry));
      }
    }
    return List.copyOf(out);
  }

  /** Why {@code port} is malformed, or null when it parses. */
  static String problem(String port) {
    try {
      parseAll(port);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static PortMapping parse(String entry) {
    Matcher m = ENTRY.matcher(entry);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + entry.strip() + "\" is not host[:container][/tcp|udp]");
    }
    int host = port(m.group(1));
    int container = m.group(2) == null ? host : port(m.group(2));
    String protocol = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(java.util.Locale.ROOT);
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException(
          "\"" + entry.strip() + "\" has protocol \"" + m.group(3) + "\": use tcp or udp");
    }
    return new PortMapping(host, container, protocol);
  }

  private static int port(String digits) {
    int p = Integer.parseInt(digits);
    if (p < 1 || p > 65535) {
      throw new IllegalArgumentException("port " + p + " is outside 1..65535");
    }
    return p;
  }
}
