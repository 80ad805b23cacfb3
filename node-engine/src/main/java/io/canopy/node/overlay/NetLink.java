package io.canopy.node.overlay;

import io.canopy.net.Attachment;
import io.canopy.net.InstanceNamespace;
import io.canopy.net.NetStatus;
import io.canopy.net.PublishedPort;
import io.canopy.net.Tap;
import io.canopy.wire.net.NetworkTable;
import java.util.List;

/**
 * The net manager as the engine uses it: in its own process ({@link EmbeddedNetLink}) or a
 * standalone one behind a unix socket ({@link SocketNetLink}). Failures are exceptions carrying the
 * net manager's sentence.
 */
interface NetLink {
  NetStatus status();

  Attachment attach(
      String instanceId, InstanceNamespace namespace, String instanceIp, List<PublishedPort> ports);

  /** A guest's tap, made in the machine's namespace before the guest starts. */
  Tap createTap(String instanceId);

  /** That tap onto the worker's bridge, once the guest's QEMU holds it. */
  Attachment attachTap(String instanceId, String instanceIp, List<PublishedPort> ports);

  boolean detach(String instanceId);

  void apply(NetworkTable table);

  /** Where it runs, for logs: "embedded", "embedded in netns w1", "socket /run/…". */
  String describe();
}
