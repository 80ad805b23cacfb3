package io.canopy.e2e;

import io.canopy.testsupport.ArchiveServer;
import io.canopy.testsupport.TarGz;
import io.canopy.testsupport.TestKernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Deploy times of the two unikernel test guests through the real API, for
 * node-engine/bench/unikernel-api-deploy.sh: a user's {@code POST /api/service/{id}/instance} until
 * {@code GET /api/service/{id}} shows the instance {@code RUNNING}, and until its first output is
 * in {@code GET …/logs}. Not an IT (failsafe does not run it by itself): the script selects it with
 * {@code -Dit.test=UnikernelDeployBench}; {@code RUNS} deploys of each guest.
 */
class UnikernelDeployBench {
  private static final Duration LIMIT = Duration.ofSeconds(180);
  private static final long POLL_MS = 50;

  @Test
  void measureDeployTimes(@TempDir Path work) {
    TestKernels.requireLibvirt();
    int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "3"));
    Path out = Jars.repo().resolve("e2e/target/unikernel-api-deploy.txt");
    try (ArchiveServer archives = new ArchiveServer();
        CanopyStack stack = new CanopyStack(work).startRoot().startCluster("bench")) {
      // the multiboot kernel without its power-off: it prints and then runs until undeployed
      String multiboot =
          archives.put(
              "/multiboot.tar.gz",
              new TarGz().add("kernel", TestKernels.multiboot(work.resolve("mb"), false)).bytes());
      String linux = archives.put("/linux.tar.gz", TestKernels.linuxArchive(work.resolve("linux")));
      stack.startWorker("bench1");
      RootApi api = stack.api();
      String app =
          api.registerApplications(
                  Slas.application(
                      "bench",
                      Slas.unikernel("multiboot", multiboot, List.of("amd64"), false),
                      Slas.unikernel("linux", linux, List.of("amd64"), false)))
              .getFirst();
      Files.deleteIfExists(out);
      for (int run = 1; run <= runs; run++) {
        measure(api, api.serviceId(app, "multiboot"), "multiboot", TestKernels.HELLO, run, out);
        measure(api, api.serviceId(app, "linux"), "linux", TestKernels.MARKER, run, out);
      }
      api.deleteApplication(app).expect(200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void measure(
      RootApi api, String service, String guest, String firstOutput, int run, Path out)
      throws IOException {
    long t0 = System.nanoTime();
    int number = api.deployInstance(service).expect(201).body().path("instance_number").asInt();
    List<JsonNode> instances =
        pollUntil(
            () -> api.instances(service),
            list -> list.stream().anyMatch(i -> isRunning(i, number)),
            guest + " RUNNING");
    long running = System.nanoTime();
    pollUntil(
        () -> api.logs(service, number, 50),
        lines -> lines.stream().anyMatch(l -> l.contains(firstOutput)),
        guest + " output");
    long output = System.nanoTime();
    String line =
        String.format(
            "api-deploy %s run=%d deploy->RUNNING=%d ms deploy->output=%d ms%n",
            guest, run, (running - t0) / 1_000_000, (output - t0) / 1_000_000);
    System.out.print(line);
    Files.writeString(out, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

    String domain =
        instances.stream()
            .filter(i -> isRunning(i, number))
            .findFirst()
            .orElseThrow()
            .path("runtime_id")
            .asString();
    api.undeployInstance(service, number).expect(200);
    pollUntil(Libvirt::domains, domains -> !domains.contains(domain), domain + " removed");
  }

  private static boolean isRunning(JsonNode instance, int number) {
    return instance.path("instance_number").asInt() == number
        && "RUNNING".equals(RootApi.status(instance));
  }

  private static <T> T pollUntil(Supplier<T> read, Predicate<T> done, String what) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    T last = read.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + LIMIT + "; last: " + last);
      }
      TierProcess.sleep(POLL_MS);
      last = read.get();
    }
    return last;
  }
}
