package io.canopy.wire.node;

/**
 * Body of {@code POST /api/node/register} on the cluster orchestrator.
 *
 * @param token a join token created with {@code POST /api/node/tokens}
 * @param nodeId the id this worker had before, to keep it across re-registrations; null when new
 * @param name the node's human name (defaults to the host name)
 * @param fingerprint what the worker is and has
 */
public record NodeRegistration(String token, String nodeId, String name, Fingerprint fingerprint) {

  /**
   * The cluster's answer.
   *
   * @param nodeId the worker's id; all its MQTT topics are below {@code nodes/{nodeId}/}
   * @param mqttUrl the broker, e.g. {@code tcp://10.0.0.5:10003}
   * @param mqttUsername the worker's own MQTT user (equal to nodeId)
   * @param mqttPassword its MQTT password, valid until the worker re-registers
   * @param reportIntervalMillis how often to publish a {@link NodeMessage.Report}
   * @param subnet the worker's overlay subnet (CIDR) when one is assigned
   */
  public record Accepted(
      String nodeId,
      String mqttUrl,
      String mqttUsername,
      String mqttPassword,
      long reportIntervalMillis,
      String subnet) {}
}
