package io.canopy.cluster.mqtt;

import io.canopy.cluster.ClusterProperties;
import io.canopy.cluster.node.Secrets;
import io.canopy.cluster.node.WorkerRecord;
import io.canopy.cluster.node.WorkerStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** An external broker when {@code canopy.cluster.mqtt.url} is set, else the embedded one. */
@Configuration(proxyBeanMethods = false)
class MqttConfig {
  static final String CLUSTER_USER = "canopy-cluster";

  @Bean
  MqttEndpoint mqttEndpoint(ClusterProperties properties, ObjectProvider<EmbeddedBroker> embedded) {
    ClusterProperties.Mqtt mqtt = properties.mqtt();
    if (!mqtt.embedded()) {
      String workerUrl =
          mqtt.workerUrl() != null && !mqtt.workerUrl().isBlank() ? mqtt.workerUrl() : mqtt.url();
      return new MqttEndpoint(mqtt.url(), mqtt.username(), mqtt.password(), workerUrl);
    }
    embedded.getObject(); // started before anyone connects
    return new MqttEndpoint(
        "tcp://127.0.0.1:" + mqtt.embeddedPort(),
        CLUSTER_USER,
        INTERNAL_PASSWORD,
        mqtt.workerUrl() != null && !mqtt.workerUrl().isBlank()
            ? mqtt.workerUrl()
            : "tcp://{host}:" + mqtt.embeddedPort());
  }

  /** The cluster's own broker password; new at every start, never leaves the process. */
  private static final String INTERNAL_PASSWORD = Secrets.random();

  @Bean(destroyMethod = "close")
  @org.springframework.context.annotation.Lazy
  EmbeddedBroker embeddedBroker(ClusterProperties properties, WorkerStore workers) {
    return new EmbeddedBroker(
        properties.dataDir().resolve("broker"),
        properties.mqtt().embeddedPort(),
        new BrokerAuth(
            CLUSTER_USER,
            INTERNAL_PASSWORD,
            nodeId -> workers.find(nodeId).map(WorkerRecord::passwordHash)));
  }
}
