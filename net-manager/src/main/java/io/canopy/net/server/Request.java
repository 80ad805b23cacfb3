package io.canopy.net.server;

import io.canopy.net.PublishedPort;
import io.canopy.wire.net.NetworkTable;
import java.util.List;

/**
 * One line on the net manager's socket. {@code op} is {@code attach} (instanceId, pid or netns,
 * instanceIp, optional ports), {@code createTap} (instanceId: a guest's tap before its start),
 * {@code attachTap} (instanceId, instanceIp, optional ports: that tap onto the bridge once the
 * guest runs), {@code detach} (instanceId), {@code apply} (table) or {@code status}.
 */
public record Request(
    String op,
    String instanceId,
    Long pid,
    String netns,
    String instanceIp,
    List<PublishedPort> ports,
    NetworkTable table) {

  public static Request attach(
      String instanceId, Long pid, String netns, String instanceIp, List<PublishedPort> ports) {
    return new Request("attach", instanceId, pid, netns, instanceIp, ports, null);
  }

  public static Request createTap(String instanceId) {
    return new Request("createTap", instanceId, null, null, null, null, null);
  }

  public static Request attachTap(String instanceId, String instanceIp, List<PublishedPort> ports) {
    return new Request("attachTap", instanceId, null, null, instanceIp, ports, null);
  }

  public static Request detach(String instanceId) {
    return new Request("detach", instanceId, null, null, null, null, null);
  }

  public static Request apply(NetworkTable table) {
    return new Request("apply", null, null, null, null, null, table);
  }

  public static Request status() {
    return new Request("status", null, null, null, null, null, null);
  }
}
