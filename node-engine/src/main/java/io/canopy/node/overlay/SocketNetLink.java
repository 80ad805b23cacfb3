package io.canopy.node.overlay;

import io.canopy.net.Attachment;
import io.canopy.net.InstanceNamespace;
import io.canopy.net.NetStatus;
import io.canopy.net.PublishedPort;
import io.canopy.net.Tap;
import io.canopy.net.server.NetManagerClient;
import io.canopy.net.server.Reply;
import io.canopy.net.server.Request;
import io.canopy.wire.WireJson;
import io.canopy.wire.net.NetworkTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A standalone net manager ({@code net-manager --socket PATH}), one request per call. */
final class SocketNetLink implements NetLink {
  private final Path socket;
  private final NetManagerClient client;

  SocketNetLink(Path socket) {
    this.socket = socket;
    this.client = new NetManagerClient(socket);
  }

  @Override
  public NetStatus status() {
    return WireJson.mapper().convertValue(call(Request.status()), NetStatus.class);
  }

  @Override
  public Attachment attach(
      String instanceId,
      InstanceNamespace namespace,
      String instanceIp,
      List<PublishedPort> ports) {
    Object result =
        call(Request.attach(instanceId, namespace.pid(), namespace.netns(), instanceIp, ports));
    return WireJson.mapper().convertValue(result, Attachment.class);
  }

  @Override
  public Tap createTap(String instanceId) {
    return WireJson.mapper().convertValue(call(Request.createTap(instanceId)), Tap.class);
  }

  @Override
  public Attachment attachTap(String instanceId, String instanceIp, List<PublishedPort> ports) {
    Object result = call(Request.attachTap(instanceId, instanceIp, ports));
    return WireJson.mapper().convertValue(result, Attachment.class);
  }

  @Override
  public boolean detach(String instanceId) {
    Object result = call(Request.detach(instanceId));
    return result instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("detached"));
  }

  @Override
  public void apply(NetworkTable table) {
    call(Request.apply(table));
  }

  @Override
  public String describe() {
    return "standalone on " + socket;
  }

  private Object call(Request request) {
    Reply reply = client.call(request);
    if (!reply.ok()) {
      throw new IllegalStateException("the net manager on " + socket + " says: " + reply.error());
    }
    return reply.result();
  }
}
