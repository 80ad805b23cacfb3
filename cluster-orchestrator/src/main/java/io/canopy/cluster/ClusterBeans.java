package io.canopy.cluster;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClusterBeans {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
