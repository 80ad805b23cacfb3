package io.canopy.net;

import io.canopy.core.address.WorkerSubnet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code canopy} nftables table should hold.
 *
 * @param subnet the worker's instance subnet (its traffic leaving the overlay is masqueraded)
 * @param services service IP → backend instance IPs; list position = map slot of the backend
 * @param hostPorts published host ports → instance address and port
 */
record NftState(
    WorkerSubnet subnet, Map<String, List<String>> services, Map<PortKey, PortTarget> hostPorts) {

  NftState {
    services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    hostPorts = Collections.unmodifiableMap(new LinkedHashMap<>(hostPorts));
  }

  record PortKey(String protocol, int port) {
    String nft() {
      return protocol + " . " + port;
    }
  }

  record PortTarget(String ip, int port) {
    String nft() {
      return ip + " . " + port;
    }
  }
}
