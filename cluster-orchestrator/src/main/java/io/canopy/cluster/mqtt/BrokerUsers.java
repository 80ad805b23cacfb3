package io.canopy.cluster.mqtt;

import io.canopy.cluster.ClusterProperties;
import org.springframework.stereotype.Component;

/**
 * Tells the broker about a worker's new password. The embedded broker checks the store itself; an
 * external Mosquitto learns it from the password file the cluster keeps when {@code
 * canopy.cluster.mqtt.password-file} is set (otherwise its users are the operator's business).
 */
@Component
public class BrokerUsers {
  private final MosquittoPasswordFile file;

  BrokerUsers(ClusterProperties properties) {
    ClusterProperties.Mqtt mqtt = properties.mqtt();
    this.file =
        mqtt.embedded() || mqtt.passwordFile() == null
            ? null
            : new MosquittoPasswordFile(mqtt.passwordFile(), mqtt.reloadCommand());
    if (file != null && mqtt.username() != null && mqtt.password() != null) {
      file.ensure(mqtt.username(), mqtt.password());
    }
  }

  public void registered(String nodeId, String password) {
    if (file != null) {
      file.put(nodeId, password);
    }
  }
}
