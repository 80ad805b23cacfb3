package io.canopy.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.sla.Microservice;
import io.canopy.sla.SlaReader;
import io.canopy.testsupport.Commands;
import io.canopy.testsupport.FreePorts;
import io.canopy.testsupport.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * examples/build-image.sh builds a working image without pulling, and hello-web's command serves
 * its page from it and stops at once on SIGTERM (a busybox sh as PID 1 would otherwise ignore it).
 */
class ExampleImageIT {
  private static final String IMAGE = "canopy-test/ops-example:" + ProcessHandle.current().pid();

  @AfterAll
  static void removeTheImage() {
    Commands.run(List.of("docker", "image", "rm", "-f", IMAGE), 60);
  }

  @Test
  void helloWebServesItsPageFromTheLocallyBuiltImageAndStopsPromptly() throws Exception {
    String docker = TestImages.requireDocker();
    Commands.Result build =
        Commands.run(
            List.of("bash", OpsFiles.repo().resolve("examples/build-image.sh").toString(), IMAGE),
            180);
    assertThat(build.ok()).as(build.output()).isTrue();

    Microservice web =
        SlaReader.read(Files.readString(OpsFiles.repo().resolve("examples/hello-web.json")))
            .sla()
            .applications()
            .getFirst()
            .microservices()
            .getFirst();
    int port = FreePorts.next();
    List<String> run =
        new ArrayList<>(
            List.of(
                docker,
                "run",
                "-d",
                "--rm",
                "-p",
                "127.0.0.1:" + port + ":" + web.ports().getFirst().containerPort(),
                IMAGE));
    run.addAll(web.cmd());
    Commands.Result started = Commands.run(run, 60);
    assertThat(started.ok()).as(started.output()).isTrue();
    String container = started.output().strip();
    try {
      assertThat(fetch("http://127.0.0.1:" + port + "/")).contains("Hello from Canopy");

      long before = System.nanoTime();
      Commands.Result stopped = Commands.run(List.of(docker, "stop", "-t", "10", container), 60);
      Duration took = Duration.ofNanos(System.nanoTime() - before);

      assertThat(stopped.ok()).as(stopped.output()).isTrue();
      assertThat(took)
          .as("docker stop took %s: the TERM trap works", took)
          .isLessThan(Duration.ofSeconds(5));
    } finally {
      Commands.run(List.of(docker, "rm", "-f", container), 60);
    }
  }

  private static String fetch(String url) throws InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return response.body();
        }
      } catch (IOException notYet) {
        // httpd not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(url + " did not answer 200 within 15 s");
      }
      Thread.sleep(200);
    }
  }
}
