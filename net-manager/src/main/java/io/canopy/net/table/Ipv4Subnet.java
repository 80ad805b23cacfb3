package io.canopy.net.table;

/** An IPv4 network in CIDR form; the network address has no host bits set. */
public record Ipv4Subnet(int network, int prefix) {

  /** Instance subnets are cut from 10.18.0.0–10.29.255.255. */
  public static final String INSTANCE_RANGE = "10.18.0.0-10.29.255.255";

  /** Service IPs live in 10.30.0.0/16. */
  public static final Ipv4Subnet SERVICES = parse("10.30.0.0/16");

  private static final int INSTANCE_FIRST = Ipv4.parse("10.18.0.0");
  private static final int INSTANCE_LAST = Ipv4.parse("10.29.255.255");

  public Ipv4Subnet {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix length out of range: " + prefix);
    }
    if ((network & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException("host bits set in " + Ipv4.format(network) + "/" + prefix);
    }
  }

  public static Ipv4Subnet parse(String cidr) {
    if (cidr == null || cidr.indexOf('/') < 0) {
      throw new IllegalArgumentException("not a CIDR subnet: '" + cidr + "'");
    }
    String[] parts = cidr.split("/", 2);
    if (parts[1].isEmpty()
        || parts[1].length() > 2
        || !parts[1].chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("not a CIDR subnet: '" + cidr + "'");
    }
    return new Ipv4Subnet(Ipv4.parse(parts[0]), Integer.parseInt(parts[1]));
  }

  private static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  public boolean contains(int address) {
    return (address & mask(prefix)) == network;
  }

  public boolean contains(String address) {
    return Ipv4.isValid(address) && contains(Ipv4.parse(address));
  }

  public boolean overlaps(Ipv4Subnet other) {
    int common = Math.min(prefix, other.prefix);
    return (network & mask(common)) == (other.network & mask(common));
  }

  public int broadcast() {
    return network | ~mask(prefix);
  }

  /** The first host address: the bridge's address on the owning worker. */
  public int gateway() {
    return network + 1;
  }

  public String gatewayText() {
    return Ipv4.format(gateway());
  }

  /** True for addresses an instance may take: inside, not network, gateway or broadcast. */
  public boolean isInstanceAddress(int address) {
    return contains(address)
        && address != network
        && address != gateway()
        && address != broadcast();
  }

  /** True when the whole subnet lies in the instance range 10.18.0.0–10.29.255.255. */
  public boolean isInInstanceRange() {
    return Integer.compareUnsigned(network, INSTANCE_FIRST) >= 0
        && Integer.compareUnsigned(broadcast(), INSTANCE_LAST) <= 0;
  }

  @Override
  public String toString() {
    return Ipv4.format(network) + "/" + prefix;
  }
}
