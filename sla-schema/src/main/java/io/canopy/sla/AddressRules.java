package io.canopy.sla;

/**
 * {@code addresses}: {@code rr_ip} must be a host address inside the service range 10.30.0.0/16
 * (the root allocates service addresses there and refuses any other), {@code rr_ip_v6} a valid IPv6
 * address. Empty strings mean "not set", as Oakestra's dashboard sends them.
 */
final class AddressRules {
  static final String SERVICE_RANGE = "10.30.0.0/16";
  private static final long RANGE_START = Ip.ipv4("10.30.0.0");
  private static final long RANGE_END = Ip.ipv4("10.30.255.255");

  private AddressRules() {}

  static void check(Fields addresses) {
    if (addresses == null) {
      return;
    }
    String rrIp = addresses.string("rr_ip", false);
    if (rrIp != null && !rrIp.isBlank()) {
      String problem = serviceIpProblem(rrIp);
      if (problem != null) {
        addresses.fail("rr_ip", problem);
      }
    }
    String rrIpV6 = addresses.string("rr_ip_v6", false);
    if (rrIpV6 != null && !rrIpV6.isBlank() && !Ip.isIpv6(rrIpV6)) {
      addresses.fail("rr_ip_v6", "\"" + rrIpV6 + "\" is not an IPv6 address");
    }
    String closest = addresses.string("closest_ip", false);
    if (closest != null && !closest.isBlank() && Ip.ipv4(closest) < 0 && !Ip.isIpv6(closest)) {
      addresses.fail("closest_ip", "\"" + closest + "\" is not an IP address");
    }
    for (Fields range : addresses.objects("instances", false)) {
      range.string("from", false);
      range.string("to", false);
      range.string("start", false);
    }
  }

  /** Why {@code ip} cannot be a service's round-robin address, or null when it can. */
  static String serviceIpProblem(String ip) {
    long value = Ip.ipv4(ip);
    if (value < 0) {
      return "\"" + ip + "\" is not an IPv4 address";
    }
    if (value < RANGE_START || value > RANGE_END) {
      return ip + " is outside " + SERVICE_RANGE + ", the range service addresses are given from";
    }
    if (value == RANGE_START) {
      return ip + " is the network address of " + SERVICE_RANGE + ", not a host address";
    }
    if (value == RANGE_END) {
      return ip + " is the broadcast address of " + SERVICE_RANGE + ", not a host address";
    }
    return null;
  }
}
