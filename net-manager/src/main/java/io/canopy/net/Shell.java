package io.canopy.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@code ip}, {@code bridge}, {@code nft} and friends. With a worker namespace every command
 * runs through {@code ip netns exec <ns>}, which is how tests put several workers on one machine.
 */
final class Shell {
  private static final Logger log = LoggerFactory.getLogger(Shell.class);
  private static final long TIMEOUT_SECONDS = 15;

  private final String namespace;

  /**
   * @param namespace the named network namespace to run in, or null for the process's own
   */
  Shell(String namespace) {
    this.namespace = namespace;
  }

  String namespace() {
    return namespace;
  }

  /** Runs the command and returns its standard output; a non-zero exit is an exception. */
  String run(String... command) {
    return runWithInput(null, command);
  }

  String runWithInput(String input, String... command) {
    Result result = exec(input, command);
    if (result.exitCode() != 0) {
      throw new CommandFailedException(result.command(), result.exitCode(), result.stderr(), input);
    }
    return result.stdout();
  }

  /** Parses JSON output ({@code ip -j …}); empty output is an empty array. */
  JsonNode json(String... command) {
    String out = run(command).strip();
    return NetJsonTree.parse(out.isEmpty() ? "[]" : out);
  }

  Result exec(String input, String... command) {
    List<String> full = new ArrayList<>();
    if (namespace != null) {
      full.addAll(List.of("ip", "netns", "exec", namespace));
    }
    full.addAll(List.of(command));
    log.debug("exec {}", full);
    try {
      Process process = new ProcessBuilder(full).start();
      CompletableFuture<String> err = drain(process.getErrorStream());
      CompletableFuture<String> out = drain(process.getInputStream());
      try (OutputStream stdin = process.getOutputStream()) {
        if (input != null) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new CommandFailedException(
            String.join(" ", full), -1, "timed out after " + TIMEOUT_SECONDS + " s", input);
      }
      return new Result(String.join(" ", full), process.exitValue(), out.get(), err.get());
    } catch (IOException e) {
      throw new CommandFailedException(String.join(" ", full), -1, e.toString(), input);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException(String.join(" ", full), -1, "interrupted", input);
    } catch (ExecutionException e) {
      throw new CommandFailedException(String.join(" ", full), -1, e.getCause().toString(), input);
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (stream) {
                result.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  record Result(String command, int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }
}
