package io.canopy.spring.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

class EmbeddedMongoTest {

  @SpringBootApplication
  static class App {}

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE)
        .properties(properties)
        .run();
  }

  @Test
  void documentsSurviveARestartWithTheSameDataDirectory(@TempDir Path dataDir) {
    String dir = "canopy.data-dir=" + dataDir;
    try (var context = start(dir, "spring.mongodb.database=canopy_test")) {
      MongoTemplate mongo = context.getBean(MongoTemplate.class);
      mongo.insert(new Document("_id", "a1").append("name", "clientsrvr"), "applications");
      assertThat(mongo.getDb().getName()).isEqualTo("canopy_test");
    }
    assertThat(dataDir.resolve("store.mv")).exists();
    try (var context = start(dir, "spring.mongodb.database=canopy_test")) {
      Document found =
          context.getBean(MongoTemplate.class).findById("a1", Document.class, "applications");
      assertThat(found).isNotNull();
      assertThat(found.getString("name")).isEqualTo("clientsrvr");
    }
  }

  @Test
  void healthPingsTheStoreAndReportsUp(@TempDir Path dataDir) {
    try (var context = start("canopy.store.embedded=memory", "canopy.data-dir=" + dataDir)) {
      HealthIndicator health = context.getBean("mongoHealthContributor", HealthIndicator.class);
      var result = health.health();
      assertThat(result.getStatus()).as(String.valueOf(result.getDetails())).isEqualTo(Status.UP);
    }
  }

  @Test
  void aGivenMongoUriLeavesTheEmbeddedStoreOut(@TempDir Path dataDir) {
    try (var context =
        start("spring.mongodb.uri=mongodb://127.0.0.1:1/x", "canopy.data-dir=" + dataDir)) {
      assertThat(context.getBeanNamesForType(de.bwaldvogel.mongo.MongoServer.class)).isEmpty();
      assertThat(dataDir.resolve("store.mv")).doesNotExist();
    }
  }
}
