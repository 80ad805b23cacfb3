package io.canopy.net;

import java.util.List;

/**
 * An instance attached to the worker's bridge.
 *
 * @param hostDevice the host end of its veth pair ({@code canopyv} + 8 hex digits)
 */
public record Attachment(
    String instanceId, String instanceIp, String hostDevice, List<PublishedPort> ports) {
  public Attachment {
    ports = ports == null ? List.of() : List.copyOf(ports);
  }
}
