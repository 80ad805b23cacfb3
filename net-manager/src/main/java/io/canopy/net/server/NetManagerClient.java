package io.canopy.net.server;

import io.canopy.wire.WireJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Talks to a standalone net manager over its unix socket, one connection per request. Errors of the
 * net manager come back as {@link Reply#error()}.
 */
public final class NetManagerClient {
  private final Path socket;

  public NetManagerClient(Path socket) {
    this.socket = socket;
  }

  public Reply call(Request request) {
    return WireJson.mapper()
        .readValue(callRaw(WireJson.mapper().writeValueAsString(request)), Reply.class);
  }

  /** Sends one request line as is and returns the reply line. */
  public String callRaw(String line) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      OutputStream out = Channels.newOutputStream(channel);
      out.write((line.strip() + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
      String reply = in.readLine();
      if (reply == null) {
        throw new IOException("the net manager closed the connection without a reply");
      }
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException("net manager at " + socket + ": " + e.getMessage(), e);
    }
  }
}
