package io.canopy.root;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The root orchestrator: users, applications, the root scheduler and the clusters' channel. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RootApplication {

  /** Wall-clock time, one bean so tests can move it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  public static void main(String[] args) {
    SpringApplication.run(RootApplication.class, args);
  }
}
