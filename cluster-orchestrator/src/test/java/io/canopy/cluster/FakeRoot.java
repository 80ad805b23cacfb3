package io.canopy.cluster;

import io.canopy.wire.WireJson;
import io.canopy.wire.cluster.ClusterMessage;
import io.canopy.wire.cluster.ClusterRegistration;
import io.canopy.wire.cluster.RootCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stand-in for the root orchestrator, written against the wire contract only: {@code POST
 * /api/clusters/register} and the WebSocket {@code /api/clusters/channel} (RFC 6455 text frames,
 * enough of it for one JDK WebSocket client). It records every message the cluster sends and can
 * send commands and drop the connection.
 */
final class FakeRoot implements AutoCloseable {
  static final String TOKEN = "cluster-registration-token";
  static final String CLUSTER_ID = "6650c0ffee0000000000c1a5";
  static final String CREDENTIAL = "cluster-credential-secret";

  private final ServerSocket server;
  private final List<ClusterMessage> received = new CopyOnWriteArrayList<>();
  private final List<String> registrations = new CopyOnWriteArrayList<>();
  private final AtomicInteger channelOpens = new AtomicInteger();
  private final List<ClusterMessage> firstAfterOpen = new CopyOnWriteArrayList<>();
  private volatile Socket channel;
  private volatile OutputStream channelOut;
  private volatile Function<ClusterMessage.SyncRequest, RootCommand> onSync = s -> null;
  private volatile boolean away;

  FakeRoot() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("fake-root").start(this::accept);
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** What the root answers a sync request with (null: nothing). */
  void onSync(Function<ClusterMessage.SyncRequest, RootCommand> answer) {
    this.onSync = answer;
  }

  List<String> registrations() {
    return List.copyOf(registrations);
  }

  /** The first message of every channel the cluster opened, in order. */
  List<ClusterMessage> firstAfterOpen() {
    return List.copyOf(firstAfterOpen);
  }

  int channelOpens() {
    return channelOpens.get();
  }

  List<ClusterMessage> received() {
    return List.copyOf(received);
  }

  <T extends ClusterMessage> List<T> received(Class<T> type) {
    return received.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Waits until a message of this type matches; fails the test after the timeout. */
  <T extends ClusterMessage> T await(Class<T> type, Predicate<T> match, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      for (T m : received(type)) {
        if (match.test(m)) {
          return m;
        }
      }
      sleep(25);
    }
    throw new AssertionError(
        "no matching " + type.getSimpleName() + " within " + timeout + "; received " + received);
  }

  void clear() {
    received.clear();
  }

  void send(RootCommand command) throws IOException {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (channelOut == null && System.nanoTime() < end) {
      sleep(25);
    }
    OutputStream out = channelOut;
    if (out == null) {
      throw new IllegalStateException("the cluster has no channel open");
    }
    byte[] payload = WireJson.mapper().writeValueAsBytes(command);
    synchronized (this) {
      writeFrame(out, 0x1, payload);
    }
  }

  /** While away, channel handshakes are answered 503, as a root that is down behind a proxy. */
  void away(boolean away) {
    this.away = away;
  }

  /** Cuts the channel without a close frame, as a network failure would. */
  void dropChannel() throws IOException {
    Socket s = channel;
    channel = null;
    channelOut = null;
    if (s != null) {
      s.close();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      String head = readHead(in);
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      Map<String, String> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(
              lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).strip());
        }
      }
      String path = requestLine[1];
      if (requestLine[0].equals("POST") && path.equals("/api/clusters/register")) {
        register(in, out, headers);
      } else if (path.equals("/api/clusters/channel")) {
        channel(socket, in, out, headers);
      } else {
        respond(out, 404, "application/problem+json", "{\"status\":404}");
      }
    } catch (IOException e) {
      // the cluster went away
    }
  }

  private void register(InputStream in, OutputStream out, Map<String, String> headers)
      throws IOException {
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    ClusterRegistration reg = WireJson.mapper().readValue(body, ClusterRegistration.class);
    registrations.add(reg.clusterName() + "@" + reg.location());
    if (!TOKEN.equals(reg.token())) {
      respond(
          out,
          401,
          "application/problem+json",
          "{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"bad token\"}");
      return;
    }
    respond(
        out,
        201,
        "application/json",
        WireJson.mapper()
            .writeValueAsString(new ClusterRegistration.Accepted(CLUSTER_ID, CREDENTIAL)));
  }

  private void channel(Socket socket, InputStream in, OutputStream out, Map<String, String> headers)
      throws IOException {
    if (away) {
      respond(out, 503, "application/problem+json", "{\"status\":503}");
      return;
    }
    if (!("Bearer " + CREDENTIAL).equals(headers.get("authorization"))) {
      respond(out, 401, "application/problem+json", "{\"status\":401}");
      return;
    }
    String accept = acceptKey(headers.get("sec-websocket-key"));
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    channel = socket;
    channelOut = out;
    channelOpens.incrementAndGet();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    boolean first = true;
    while (true) {
      int b0 = in.read();
      if (b0 < 0) {
        return;
      }
      int b1 = in.read();
      boolean fin = (b0 & 0x80) != 0;
      int opcode = b0 & 0x0f;
      long length = b1 & 0x7f;
      if (length == 126) {
        length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | (in.read() & 0xff);
        }
      }
      byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
      byte[] payload = in.readNBytes((int) length);
      if (mask != null) {
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
      }
      switch (opcode) {
        case 0x0, 0x1 -> {
          message.write(payload);
          if (fin) {
            ClusterMessage m = onMessage(message.toString(StandardCharsets.UTF_8));
            if (first) {
              firstAfterOpen.add(m);
              first = false;
            }
            message.reset();
          }
        }
        case 0x8 -> {
          synchronized (this) {
            writeFrame(out, 0x8, new byte[0]);
          }
          return;
        }
        case 0x9 -> {
          synchronized (this) {
            writeFrame(out, 0xA, payload);
          }
        }
        default -> {}
      }
    }
  }

  private ClusterMessage onMessage(String json) throws IOException {
    ClusterMessage message = WireJson.mapper().readValue(json, ClusterMessage.class);
    received.add(message);
    if (message instanceof ClusterMessage.SyncRequest sync) {
      RootCommand answer = onSync.apply(sync);
      if (answer != null) {
        send(answer);
      }
    }
    return message;
  }

  private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(payload.length);
    } else if (payload.length < 65536) {
      frame.write(126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(127);
      for (int i = 7; i >= 0; i--) {
        frame.write((int) ((long) payload.length >> (8 * i)) & 0xff);
      }
    }
    frame.write(payload);
    out.write(frame.toByteArray());
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the request head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void respond(OutputStream out, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + " X\r\nContent-Type: "
                + type
                + "\r\nContent-Length: "
                + bytes.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }

  private static String acceptKey(String key) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest(
                  (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
                      .getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    dropChannel();
    server.close();
  }
}
