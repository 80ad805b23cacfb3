package io.canopy.root.channel;

import io.canopy.root.cluster.ClusterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** The clusters' WebSocket at {@code /api/clusters/channel}. */
@Configuration
@EnableWebSocket
class ChannelConfig implements WebSocketConfigurer {
  private final ClusterChannelHandler handler;
  private final CredentialHandshake handshake;

  ChannelConfig(ClusterChannelHandler handler, CredentialHandshake handshake) {
    this.handler = handler;
    this.handshake = handshake;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // Clusters authenticate with their credential, not cookies: any Origin may connect.
    registry
        .addHandler(handler, "/api/clusters/channel")
        .addInterceptors(handshake)
        .setAllowedOriginPatterns("*");
  }

  /** A desired state of many instances is one message: allow large ones (default is 8 KiB). */
  @Bean
  ServletServerContainerFactoryBean webSocketContainer(ClusterProperties properties) {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(properties.maxMessageBytes());
    container.setMaxBinaryMessageBufferSize(properties.maxMessageBytes());
    return container;
  }
}
