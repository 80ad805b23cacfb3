package io.canopy.cluster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The cluster tier: one per site, between the root and the site's workers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ClusterOrchestratorApplication {

  public static void main(String[] args) {
    SpringApplication.run(ClusterOrchestratorApplication.class, args);
  }
}
