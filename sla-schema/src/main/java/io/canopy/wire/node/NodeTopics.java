package io.canopy.wire.node;

/**
 * MQTT topics between a cluster and its workers. Everything of one worker is below {@code
 * nodes/{nodeId}/}; a worker may publish and subscribe only there.
 */
public final class NodeTopics {
  public static final String ROOT = "nodes";

  private NodeTopics() {}

  /** worker → cluster: {@link NodeMessage.Report}. */
  public static String report(String nodeId) {
    return ROOT + "/" + nodeId + "/report";
  }

  /** worker → cluster: {@link NodeMessage.InstanceChanged}. */
  public static String instanceChanged(String nodeId) {
    return ROOT + "/" + nodeId + "/instances/changed";
  }

  /** worker → cluster: {@link NodeMessage.InstanceList}. */
  public static String instanceList(String nodeId) {
    return ROOT + "/" + nodeId + "/instances/list";
  }

  /** worker → cluster, retained, and the worker's last will: {@link NodeMessage.Liveness}. */
  public static String liveness(String nodeId) {
    return ROOT + "/" + nodeId + "/liveness";
  }

  /** worker → cluster: {@link NodeMessage.Ack} and {@link NodeMessage.LogsResult}. */
  public static String replies(String nodeId) {
    return ROOT + "/" + nodeId + "/replies";
  }

  /** cluster → worker: {@link NodeCommand}. */
  public static String commands(String nodeId) {
    return ROOT + "/" + nodeId + "/commands";
  }

  /** cluster → worker: the overlay tables the worker's net manager needs. */
  public static String netTables(String nodeId) {
    return ROOT + "/" + nodeId + "/net/tables";
  }

  /** What the cluster subscribes to: every worker's messages. */
  public static final String ALL_FROM_WORKERS = ROOT + "/+/#";

  /** The node id in a topic below {@code nodes/}, or null. */
  public static String nodeIdOf(String topic) {
    String[] parts = topic.split("/");
    return parts.length >= 2 && ROOT.equals(parts[0]) ? parts[1] : null;
  }
}
