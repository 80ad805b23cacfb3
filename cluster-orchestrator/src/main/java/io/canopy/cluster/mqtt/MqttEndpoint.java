package io.canopy.cluster.mqtt;

/**
 * Where the cluster's own MQTT client connects and what workers are told.
 *
 * @param url the broker as the cluster reaches it
 * @param username the cluster's user (null for anonymous)
 * @param password its password
 * @param workerUrl the broker as workers reach it; {@code {host}} stands for the host name the
 *     worker used to reach the cluster
 */
public record MqttEndpoint(String url, String username, String password, String workerUrl) {

  public String workerUrlFor(String host) {
    return workerUrl.replace("{host}", host);
  }
}
