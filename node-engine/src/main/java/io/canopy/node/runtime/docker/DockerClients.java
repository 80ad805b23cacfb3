package io.canopy.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import io.canopy.node.config.NoTls;
import java.net.URI;
import java.time.Duration;

/** Builds a docker-java client on the httpclient5 transport. */
public final class DockerClients {
  private DockerClients() {}

  public static DockerClient open(URI dockerHost) {
    DefaultDockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(dockerHost.toString())
            .build();
    // No response timeout: the event stream stays open for the engine's whole life.
    SSLConfig ssl = config.getSSLConfig();
    if (ssl == null && "unix".equals(dockerHost.getScheme())) {
      // the transport builds a TLS context even for a unix socket: give it one that costs nothing
      ssl = NoTls::context;
    }
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(ssl)
            .maxConnections(16)
            .connectionTimeout(Duration.ofSeconds(5))
            .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
