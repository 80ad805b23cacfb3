package io.canopy.net.server;

import io.canopy.net.InstanceNamespace;
import io.canopy.net.NetManager;
import io.canopy.wire.WireJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Serves a {@link NetManager} on a unix domain socket, one JSON {@link Request} per line, one JSON
 * {@link Reply} per line back. The socket is readable by root only: whoever can talk to it can
 * rewire the worker's network.
 */
public final class NetSocketServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NetSocketServer.class);

  private final NetManager manager;
  private final Path socket;
  private ServerSocketChannel server;

  public NetSocketServer(NetManager manager, Path socket) {
    this.manager = manager;
    this.socket = socket;
  }

  /** Binds the socket (replacing a stale one) and serves connections on virtual threads. */
  public synchronized void start() throws IOException {
    if (socket.getParent() != null) {
      Files.createDirectories(socket.getParent());
    }
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    ServerSocketChannel listening = server;
    Thread.ofVirtual().name("net-socket-accept").start(() -> acceptLoop(listening));
    log.info("net manager listening on {}", socket);
  }

  private void acceptLoop(ServerSocketChannel listening) {
    while (listening.isOpen()) {
      try {
        SocketChannel connection = listening.accept();
        Thread.ofVirtual().name("net-socket-conn").start(() -> serve(connection));
      } catch (IOException e) {
        if (listening.isOpen()) {
          log.warn("accept on {} failed: {}", socket, e.toString());
        }
      }
    }
  }

  private void serve(SocketChannel connection) {
    try (connection;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    Channels.newInputStream(connection), StandardCharsets.UTF_8));
        OutputStream out = Channels.newOutputStream(connection)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        Reply reply = handle(line);
        out.write(
            (WireJson.mapper().writeValueAsString(reply) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      log.debug("connection on {} ended: {}", socket, e.toString());
    }
  }

  /** Answers one request line; never throws. */
  Reply handle(String line) {
    Request request;
    try {
      request = WireJson.mapper().readValue(line, Request.class);
    } catch (JacksonException e) {
      return Reply.failure("not a JSON request: " + e.getOriginalMessage());
    }
    try {
      return switch (request.op() == null ? "" : request.op()) {
        case "attach" ->
            Reply.success(
                manager.attach(
                    request.instanceId(),
                    new InstanceNamespace(request.pid(), request.netns()),
                    request.instanceIp(),
                    request.ports() == null ? List.of() : request.ports()));
        case "createTap" -> Reply.success(manager.createTap(request.instanceId()));
        case "attachTap" ->
            Reply.success(
                manager.attachTap(
                    request.instanceId(),
                    request.instanceIp(),
                    request.ports() == null ? List.of() : request.ports()));
        case "detach" -> Reply.success(Map.of("detached", manager.detach(request.instanceId())));
        case "apply" -> {
          if (request.table() == null) {
            yield Reply.failure("apply needs a table");
          }
          manager.apply(request.table());
          yield Reply.success(manager.status());
        }
        case "status" -> Reply.success(manager.status());
        default ->
            Reply.failure(
                "unknown op '"
                    + request.op()
                    + "': use attach, createTap, attachTap, detach, apply or status");
      };
    } catch (RuntimeException e) {
      log.warn("{} failed: {}", request.op(), e.getMessage());
      return Reply.failure(e.getMessage());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (server != null) {
      server.close();
      server = null;
      Files.deleteIfExists(socket);
    }
  }
}
