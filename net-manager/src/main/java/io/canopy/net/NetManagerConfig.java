package io.canopy.net;

import io.canopy.core.address.Ipv4;

/**
 * How a net manager reaches its kernel.
 *
 * @param workerNamespace the named network namespace the worker lives in, or null for the process's
 *     own (the production case; tests simulate several workers with namespaces)
 * @param underlay this worker's underlay address, the outer source of tunnelled packets; null lets
 *     the kernel choose by route
 * @param vni the VXLAN network identifier, the same on every worker of an overlay
 * @param vxlanPort the UDP port of the tunnel, the same on every worker
 * @param mtu the MTU of the bridge, veths and tunnel: the underlay MTU minus 50 bytes of VXLAN
 */
public record NetManagerConfig(
    String workerNamespace, String underlay, int vni, int vxlanPort, int mtu) {

  public static final int DEFAULT_VNI = 4242;
  public static final int DEFAULT_VXLAN_PORT = 4789;
  public static final int DEFAULT_MTU = 1450;

  public NetManagerConfig {
    if (vni < 1 || vni > 16_777_215) {
      throw new IllegalArgumentException("vni must be between 1 and 16777215: " + vni);
    }
    if (vxlanPort < 1 || vxlanPort > 65535) {
      throw new IllegalArgumentException("vxlanPort out of range: " + vxlanPort);
    }
    if (mtu < 576 || mtu > 9000) {
      throw new IllegalArgumentException("mtu must be between 576 and 9000: " + mtu);
    }
    if (underlay != null && !Ipv4.isCanonical(underlay)) {
      throw new IllegalArgumentException("underlay is not an IPv4 address: '" + underlay + "'");
    }
  }

  /** The process's own namespace, kernel-chosen underlay source, default VNI, port and MTU. */
  public static NetManagerConfig defaults() {
    return new NetManagerConfig(null, null, DEFAULT_VNI, DEFAULT_VXLAN_PORT, DEFAULT_MTU);
  }

  public NetManagerConfig withWorkerNamespace(String namespace) {
    return new NetManagerConfig(namespace, underlay, vni, vxlanPort, mtu);
  }

  public NetManagerConfig withUnderlay(String address) {
    return new NetManagerConfig(workerNamespace, address, vni, vxlanPort, mtu);
  }
}
