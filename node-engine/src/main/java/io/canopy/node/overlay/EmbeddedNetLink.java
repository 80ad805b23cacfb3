package io.canopy.node.overlay;

import io.canopy.net.Attachment;
import io.canopy.net.InstanceNamespace;
import io.canopy.net.NetManager;
import io.canopy.net.NetManagerConfig;
import io.canopy.net.NetStatus;
import io.canopy.net.PublishedPort;
import io.canopy.net.Tap;
import io.canopy.wire.net.NetworkTable;
import java.util.List;

/** The net manager in the engine's own process: plain calls, the kernel is its only state. */
final class EmbeddedNetLink implements NetLink {
  private final NetManager manager;
  private final NetManagerConfig config;

  EmbeddedNetLink(NetManagerConfig config) {
    this.config = config;
    this.manager = new NetManager(config);
  }

  @Override
  public NetStatus status() {
    return manager.status();
  }

  @Override
  public Attachment attach(
      String instanceId,
      InstanceNamespace namespace,
      String instanceIp,
      List<PublishedPort> ports) {
    return manager.attach(instanceId, namespace, instanceIp, ports);
  }

  @Override
  public Tap createTap(String instanceId) {
    return manager.createTap(instanceId);
  }

  @Override
  public Attachment attachTap(String instanceId, String instanceIp, List<PublishedPort> ports) {
    return manager.attachTap(instanceId, instanceIp, ports);
  }

  @Override
  public boolean detach(String instanceId) {
    return manager.detach(instanceId);
  }

  @Override
  public void apply(NetworkTable table) {
    manager.apply(table);
  }

  @Override
  public String describe() {
    return config.workerNamespace() == null
        ? "embedded"
        : "embedded, worker network namespace " + config.workerNamespace();
  }
}
