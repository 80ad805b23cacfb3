package io.canopy.e2e.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.sla.Microservice;
import io.canopy.sla.SlaReadResult;
import io.canopy.sla.SlaReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The example SLAs are valid and run only the image the quickstart builds locally. */
class ExamplesIT {
  private static final Path EXAMPLES = OpsFiles.repo().resolve("examples");

  private static List<Path> slas() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  /** The image examples/build-image.sh builds when given no argument. */
  private static String localImage() throws IOException {
    Matcher m =
        Pattern.compile("image=\\$\\{1:-([^}]+)}")
            .matcher(Files.readString(EXAMPLES.resolve("build-image.sh")));
    assertThat(m.find()).as("build-image.sh names its default image").isTrue();
    return m.group(1);
  }

  @Test
  void everyFullSlaIsValid() throws IOException {
    List<Path> full = slas().stream().filter(ExamplesIT::isFullSla).toList();
    assertThat(full).extracting(p -> p.getFileName().toString()).contains("hello-web.json");
    for (Path file : full) {
      SlaReadResult result = SlaReader.read(Files.readString(file));
      assertThat(result.violations()).as(file.getFileName().toString()).isEmpty();
      assertThat(result.valid()).isTrue();
    }
  }

  @Test
  void everyContainerRunsTheLocallyBuiltImage() throws IOException {
    String image = localImage();
    JsonMapper json = JsonMapper.builder().build();
    for (Path file : slas()) {
      JsonNode root = json.readTree(Files.readString(file));
      List<JsonNode> services =
          root.has("applications")
              ? root.path("applications")
                  .valueStream()
                  .flatMap(a -> a.path("microservices").valueStream())
                  .toList()
              : root.path("microservices").valueStream().toList();
      assertThat(services).as(file.toString()).isNotEmpty();
      assertThat(services)
          .allSatisfy(
              s -> assertThat(s.path("code").asString()).as(file.toString()).isEqualTo(image));
    }
  }

  @Test
  void helloWebIsOneContainerServiceOnAHostPortThatTheQuickstartCurls() throws IOException {
    SlaReadResult result = SlaReader.read(Files.readString(EXAMPLES.resolve("hello-web.json")));
    List<Microservice> services = result.sla().applications().getFirst().microservices();

    assertThat(services).hasSize(1);
    Microservice web = services.getFirst();
    assertThat(web.virtualization()).isEqualTo("container");
    assertThat(web.ports()).hasSize(1);
    int hostPort = web.ports().getFirst().hostPort();
    String quickstart = Files.readString(OpsFiles.script("quickstart.sh"));
    assertThat(quickstart)
        .contains("EXAMPLE=examples/hello-web.json")
        .contains("EXAMPLE_IMAGE=" + localImage())
        .contains("EXAMPLE_URL=http://127.0.0.1:" + hostPort + "/");
  }

  private static boolean isFullSla(Path file) {
    try {
      return Files.readString(file).contains("\"sla_version\"");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
