package io.canopy.e2e.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A stand-in for a tier's jar, built by the test: it records its arguments, its {@code CANOPY_*}
 * environment and its JVM flags to the file named by {@code FAKE_TIER_RECORD}, then answers 200 on
 * every path of the port it was given ({@code --server.port=N} or {@code --metrics-port N}), so the
 * start scripts' daemon mode can be checked without the real tiers. With {@code --exit-now} it
 * prints "boom" and exits 3, like a tier that fails at start.
 */
final class FakeTier {
  private static final String SOURCE =
      """
      import com.sun.net.httpserver.HttpServer;
      import java.lang.management.ManagementFactory;
      import java.net.InetSocketAddress;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.ArrayList;
      import java.util.List;

      public class FakeTierMain {
        public static void main(String[] args) throws Exception {
          List<String> lines = new ArrayList<>();
          for (String arg : args) lines.add("arg " + arg);
          System.getenv().forEach((k, v) -> { if (k.startsWith("CANOPY_")) lines.add("env " + k + "=" + v); });
          for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) lines.add("jvm " + flag);
          Files.write(Path.of(System.getenv("FAKE_TIER_RECORD")), lines);
          int port = -1;
          for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--exit-now")) { System.out.println("boom"); System.exit(3); }
            if (args[i].startsWith("--server.port=")) port = Integer.parseInt(args[i].substring(14));
            if (args[i].equals("--metrics-port")) port = Integer.parseInt(args[i + 1]);
          }
          HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
          server.createContext("/", exchange -> {
            byte[] body = "{\\"status\\":\\"UP\\"}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
          server.start();
          System.out.println("fake tier listening on " + port);
        }
      }
      """;

  private FakeTier() {}

  /** Compiles the stand-in and packs it as a runnable jar in {@code dir}. */
  static Path jar(Path dir) {
    try {
      Path src = Files.createDirectories(dir.resolve("fake-src"));
      Path classes = Files.createDirectories(dir.resolve("fake-classes"));
      Path source = Files.writeString(src.resolve("FakeTierMain.java"), SOURCE);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      int status =
          javac.run(
              null, null, null, "-d", classes.toString(), "--release", "21", source.toString());
      if (status != 0) {
        throw new IllegalStateException("the fake tier did not compile");
      }
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "FakeTierMain");
      Path jar = dir.resolve("fake-tier.jar");
      try (OutputStream out = Files.newOutputStream(jar);
          JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
        jarOut.putNextEntry(new JarEntry("FakeTierMain.class"));
        jarOut.write(Files.readAllBytes(classes.resolve("FakeTierMain.class")));
        jarOut.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the fake tier jar", e);
    }
  }

  /** What the stand-in recorded: lines starting with "arg ", "env " or "jvm ". */
  static List<String> record(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("the fake tier wrote no record to " + file, e);
    }
  }
}
