package io.canopy.node.runtime.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches kernel archives into a cache and unpacks them. The cache holds each archive's contents
 * once under its SHA-256 ({@code sha256/<hex>/}), and per URL the checksum and validators it last
 * had ({@code urls/<hash of url>.properties}): a URL ending in {@code #sha256=<hex>} is served from
 * the cache without any request, any other http(s) URL is revalidated with a conditional GET, and a
 * file URL is re-hashed. Downloads larger than the limit are cut off.
 */
final class KernelImages {
  private static final Pattern PINNED = Pattern.compile("sha256=([0-9a-fA-F]{64})");

  private final Path cache;
  private final long maxBytes;
  private final Duration timeout;
  private final HttpClient http;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  KernelImages(Path cache, long maxBytes, Duration timeout) {
    this.cache = cache;
    this.maxBytes = maxBytes;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The unpacked archive at {@code url}, from the cache when it is current. */
  BootFiles fetch(String url) throws ImageFailure {
    URI uri = parse(url);
    ReentrantLock lock = locks.computeIfAbsent(url, k -> new ReentrantLock());
    lock.lock();
    try {
      Files.createDirectories(cache.resolve("sha256"));
      Files.createDirectories(cache.resolve("urls"));
      Files.createDirectories(cache.resolve("tmp"));
      String pinned = pinnedSha(uri);
      if (pinned != null && Files.isRegularFile(unpacked(pinned).resolve("kernel"))) {
        return files(unpacked(pinned));
      }
      String sha = "file".equals(uri.getScheme()) ? fromFile(uri) : fromHttp(uri, url);
      if (pinned != null && !pinned.equals(sha)) {
        throw new ImageFailure(
            "the archive from " + url + " has SHA-256 " + sha + ", not the pinned " + pinned);
      }
      return files(unpacked(sha));
    } catch (IOException e) {
      throw new ImageFailure("cannot write the image cache " + cache + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private static URI parse(String url) throws ImageFailure {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
        throw new ImageFailure("kernel archive URLs must be http, https or file URLs: " + url);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ImageFailure("not a URL: " + url);
    }
  }

  private static String pinnedSha(URI uri) {
    Matcher m = uri.getFragment() == null ? null : PINNED.matcher(uri.getFragment());
    return m != null && m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  private String fromFile(URI uri) throws IOException, ImageFailure {
    Path source = Path.of(uri.getPath());
    if (!Files.isRegularFile(source)) {
      throw new ImageFailure("no kernel archive at " + source);
    }
    if (Files.size(source) > maxBytes) {
      throw new ImageFailure(
          "the archive " + source + " is larger than the limit of " + maxBytes + " bytes");
    }
    try (InputStream in = Files.newInputStream(source)) {
      return store(in, uri.toString());
    } catch (NoSuchFileException e) {
      throw new ImageFailure("no kernel archive at " + source, e);
    }
  }

  private String fromHttp(URI uri, String url) throws IOException, ImageFailure {
    URI target = withoutFragment(uri);
    Path record = cache.resolve("urls").resolve(sha256(url.getBytes(StandardCharsets.UTF_8)));
    Properties known = new Properties();
    if (Files.isRegularFile(record)) {
      try (InputStream in = Files.newInputStream(record)) {
        known.load(in);
      }
    }
    String knownSha = known.getProperty("sha256");
    boolean cached = knownSha != null && Files.isRegularFile(unpacked(knownSha).resolve("kernel"));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout).GET();
    if (cached && known.getProperty("etag") != null) {
      request.header("If-None-Match", known.getProperty("etag"));
    }
    if (cached && known.getProperty("last-modified") != null) {
      request.header("If-Modified-Since", known.getProperty("last-modified"));
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      throw new ImageFailure("cannot reach " + target + ": connection refused", e);
    } catch (HttpTimeoutException e) {
      throw new ImageFailure("fetching " + target + " timed out", e);
    } catch (IOException e) {
      throw new ImageFailure("cannot fetch " + target + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageFailure("fetching " + target + " was interrupted", e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() == 304 && cached) {
        return knownSha;
      }
      if (response.statusCode() != 200) {
        throw new ImageFailure("fetching " + target + " answered HTTP " + response.statusCode());
      }
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (length > maxBytes) {
        throw new ImageFailure(
            "the archive at "
                + target
                + " is "
                + length
                + " bytes, larger than the limit of "
                + maxBytes
                + " bytes");
      }
      String sha = store(body, target.toString());
      Properties now = new Properties();
      now.setProperty("url", url);
      now.setProperty("sha256", sha);
      response.headers().firstValue("ETag").ifPresent(v -> now.setProperty("etag", v));
      response
          .headers()
          .firstValue("Last-Modified")
          .ifPresent(v -> now.setProperty("last-modified", v));
      Path tmp = Files.createTempFile(cache.resolve("tmp"), "url", ".properties");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        now.store(out, null);
      }
      Files.move(tmp, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return sha;
    }
  }

  /** Copies an archive in, within the size limit, and unpacks it unless already unpacked. */
  private String store(InputStream in, String source) throws IOException, ImageFailure {
    Path download = Files.createTempFile(cache.resolve("tmp"), "archive", ".tar.gz");
    try {
      MessageDigest digest = sha256();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(download), digest)) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
          total += n;
          if (total > maxBytes) {
            throw new ImageFailure(
                "the archive at " + source + " is larger than the limit of " + maxBytes + " bytes");
          }
          out.write(buffer, 0, n);
        }
      }
      String sha = HexFormat.of().formatHex(digest.digest());
      Path dir = unpacked(sha);
      if (!Files.isRegularFile(dir.resolve("kernel"))) {
        Path work = Files.createTempDirectory(cache.resolve("tmp"), "unpack");
        try {
          KernelArchive.unpack(download, work, maxBytes, source);
          deleteTree(dir); // a half-written copy from a crash
          Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          deleteTree(work);
        }
      }
      return sha;
    } finally {
      Files.deleteIfExists(download);
    }
  }

  private Path unpacked(String sha) {
    return cache.resolve("sha256").resolve(sha);
  }

  private static BootFiles files(Path dir) throws IOException {
    Path initrd = dir.resolve("initrd");
    Path cmdline = dir.resolve("cmdline");
    return new BootFiles(
        dir.resolve("kernel"),
        Files.isRegularFile(initrd) ? initrd : null,
        Files.isRegularFile(cmdline)
            ? Files.readString(cmdline, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim()
            : "");
  }

  private static URI withoutFragment(URI uri) {
    try {
      return new URI(uri.getScheme(), uri.getRawSchemeSpecificPart(), null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(KernelImages::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + p, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String sha256(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }
}
