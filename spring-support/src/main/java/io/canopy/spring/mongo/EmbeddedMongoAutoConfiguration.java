package io.canopy.spring.mongo;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * The single-machine default store: when no {@code spring.mongodb.uri} is given, an in-process
 * MongoDB-wire server (mongo-java-server) is started on a loopback port and Spring Data talks to it
 * like to any MongoDB. Its H2 backend keeps the data under {@code canopy.data-dir}, so a restarted
 * orchestrator keeps everything; {@code canopy.store.embedded=memory} keeps it in memory (tests).
 *
 * <p>Canopy never uses multi-document transactions or change streams, which this server lacks:
 * every state change is one atomic single-document update, which real MongoDB supports as well.
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@ConditionalOnClass(MongoServer.class)
@Conditional(NoMongoUriGiven.class)
public class EmbeddedMongoAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoAutoConfiguration.class);

  @Bean(destroyMethod = "shutdown")
  MongoServer embeddedMongoServer(Environment environment) {
    MongoServer server = new MongoServer(backend(environment));
    server.bind("127.0.0.1", 0);
    log.info("In-process MongoDB-wire store listening on {}", server.getLocalAddress());
    return server;
  }

  @Bean
  MongoConnectionDetails embeddedMongoConnectionDetails(
      MongoServer embeddedMongoServer, Environment environment) {
    InetSocketAddress address = embeddedMongoServer.getLocalAddress();
    String database = environment.getProperty("spring.mongodb.database", "canopy");
    ConnectionString uri =
        new ConnectionString(
            "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database);
    return () -> uri;
  }

  private static MongoBackend backend(Environment environment) {
    String mode = environment.getProperty("canopy.store.embedded", "h2");
    if (mode.equals("memory")) {
      return new MemoryBackend();
    }
    if (!mode.equals("h2")) {
      throw new IllegalArgumentException(
          "canopy.store.embedded must be 'h2' (kept on disk) or 'memory', not '" + mode + "'");
    }
    Path dataDir = Path.of(environment.getProperty("canopy.data-dir", "./var"));
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
    Path file = dataDir.resolve("store.mv").toAbsolutePath();
    log.info("Store kept in {} (set spring.mongodb.uri to use a MongoDB)", file);
    return new H2Backend(file.toString());
  }
}
