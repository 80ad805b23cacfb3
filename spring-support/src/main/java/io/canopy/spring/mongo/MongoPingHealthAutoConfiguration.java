package io.canopy.spring.mongo;

import org.bson.Document;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Store health by {@code ping}, which every MongoDB-wire server answers. Boot's own indicator sends
 * {@code hello}, which the in-process server does not know; naming this bean {@code
 * mongoHealthContributor} makes Boot leave its own out.
 */
@AutoConfiguration(
    after = DataMongoAutoConfiguration.class,
    before = MongoHealthContributorAutoConfiguration.class)
@ConditionalOnClass({MongoTemplate.class, HealthIndicator.class})
public class MongoPingHealthAutoConfiguration {

  @Bean
  @ConditionalOnBean(MongoTemplate.class)
  HealthIndicator mongoHealthContributor(MongoTemplate mongoTemplate) {
    return () -> {
      try {
        mongoTemplate.executeCommand(new Document("ping", 1));
        return Health.up().withDetail("database", mongoTemplate.getDb().getName()).build();
      } catch (RuntimeException e) {
        return Health.down(e).build();
      }
    };
  }
}
