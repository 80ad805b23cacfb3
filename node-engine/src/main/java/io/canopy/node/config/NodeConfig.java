package io.canopy.node.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a node engine is started with. Read by {@link NodeConfigReader} from flags, {@code
 * CANOPY_*} environment variables or a properties file.
 *
 * @param clusterUrl the cluster orchestrator's base URL, e.g. {@code http://10.0.0.5:10100}
 * @param joinToken a join token from the cluster's {@code POST /api/node/tokens}; may be null once
 *     the data dir holds a node identity
 * @param dataDir where the node identity and the instance handles live
 * @param name the node's human name
 * @param metricsPort the health/metrics HTTP port (0 picks a free one)
 * @param reportInterval how often resources and the instance list are published, unless the
 *     cluster's registration answer says otherwise
 * @param dockerHost the Docker engine's socket
 * @param mqttUrl overrides the broker URL the cluster hands out (null: use the cluster's)
 * @param underlayAddress the address other hosts reach this worker at (null: the one that routes to
 *     the cluster)
 * @param stopGrace how long a workload gets between SIGTERM and SIGKILL
 * @param pullTimeout how long an image pull may take before the instance is FAILED
 * @param libvirtUri where libvirtd answers for unikernels ({@code qemu:///system}); null turns
 *     unikernels off
 */
public record NodeConfig(
    URI clusterUrl,
    String joinToken,
    Path dataDir,
    String name,
    int metricsPort,
    Duration reportInterval,
    URI dockerHost,
    String mqttUrl,
    String underlayAddress,
    Duration stopGrace,
    Duration pullTimeout,
    String libvirtUri) {

  /** A configuration without unikernels. */
  public NodeConfig(
      URI clusterUrl,
      String joinToken,
      Path dataDir,
      String name,
      int metricsPort,
      Duration reportInterval,
      URI dockerHost,
      String mqttUrl,
      String underlayAddress,
      Duration stopGrace,
      Duration pullTimeout) {
    this(
        clusterUrl,
        joinToken,
        dataDir,
        name,
        metricsPort,
        reportInterval,
        dockerHost,
        mqttUrl,
        underlayAddress,
        stopGrace,
        pullTimeout,
        null);
  }

  public NodeConfig withDataDir(Path dir) {
    return new NodeConfig(
        clusterUrl,
        joinToken,
        dir,
        name,
        metricsPort,
        reportInterval,
        dockerHost,
        mqttUrl,
        underlayAddress,
        stopGrace,
        pullTimeout,
        libvirtUri);
  }
}
