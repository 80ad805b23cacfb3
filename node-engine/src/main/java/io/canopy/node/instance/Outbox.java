package io.canopy.node.instance;

import io.canopy.wire.node.NodeMessage;

/** Where the worker's messages to its cluster go (MQTT in production). */
public interface Outbox {
  /** Sends without waiting for delivery; messages sent while offline may be dropped. */
  void send(NodeMessage message);
}
