package io.canopy.cluster.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-machine default broker: HiveMQ CE in-process on {@code embedded-port}, with {@link
 * BrokerAuth} as its only way in. Started only when no external broker URL is configured (it costs
 * tens of MB).
 */
final class EmbeddedBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final EmbeddedHiveMQ hivemq;

  EmbeddedBroker(Path dir, int port, BrokerAuth auth) {
    Path config = dir.resolve("conf");
    Path data = dir.resolve("data");
    Path extensions = dir.resolve("extensions");
    try {
      Files.createDirectories(config);
      Files.createDirectories(data);
      Files.createDirectories(extensions);
      Files.writeString(config.resolve("config.xml"), configXml(port));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded broker in " + dir, e);
    }
    EmbeddedExtension extension =
        EmbeddedExtension.builder()
            .withId("canopy-auth")
            .withName("Canopy node authentication")
            .withVersion("1")
            .withAuthor("Canopy")
            .withPriority(1000)
            .withStartPriority(1000)
            .withExtensionMain(auth)
            .build();
    this.hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(config)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withEmbeddedExtension(extension)
            // HiveMQ would reconfigure logback with its own file; Spring Boot owns logging.
            .withoutLoggingBootstrap()
            .build();
    try {
      hivemq.start().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the embedded MQTT broker did not start on port " + port, e);
    }
    log.info("embedded MQTT broker listening on port {}", port);
  }

  private static String configXml(int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>0.0.0.0</bind-address>
            </tcp-listener>
          </listeners>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(port);
  }

  @Override
  public void close() {
    try {
      hivemq.stop().get(20, TimeUnit.SECONDS);
      hivemq.close();
    } catch (Exception e) {
      log.warn("stopping the embedded broker: {}", e.toString());
    }
  }
}
