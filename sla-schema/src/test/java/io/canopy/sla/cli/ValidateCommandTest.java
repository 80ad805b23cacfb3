package io.canopy.sla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validate command, run in-process with its streams captured. */
class ValidateCommandTest {
  private static final String VALID =
      """
      {"sla_version":"v2.0","customerID":"Admin","applications":[{"application_name":"app",
       "application_namespace":"test","microservices":[{"microservice_name":"web",
       "microservice_namespace":"test","virtualization":"container",
       "code":"docker.io/library/nginx:latest","port":"80:80"}]}]}
      """;

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(InputStream in, String... args) {
    return ValidateCommand.run(
        List.of(args),
        in,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void validFilesPrintOkAndExitZero() throws IOException {
    Path a = file("a.json", VALID);
    Path b = file("b.json", VALID);

    assertThat(run("validate", a.toString(), b.toString())).isZero();
    assertThat(out()).isEqualTo(a + ": ok\n" + b + ": ok\n");
    assertThat(err.size()).isZero();
  }

  @Test
  void violationsArePrintedOnePerLineAndExitOne() throws IOException {
    Path ok = file("ok.json", VALID);
    Path bad = file("bad.json", VALID.replace("80:80", "80:80:80").replace("v2.0", "v1"));

    assertThat(run("validate", ok.toString(), bad.toString())).isEqualTo(1);
    assertThat(out().lines())
        .containsExactly(
            ok + ": ok",
            bad + ": $.sla_version: \"v1\" is not supported: the supported sla_version is \"v2.0\"",
            bad
                + ": $.applications[0].microservices[0].port: \"80:80:80\" is not"
                + " host[:container][/tcp|udp]");
  }

  @Test
  void malformedJsonIsAViolationNotACrash() throws IOException {
    Path bad = file("bad.json", "{\"sla_version\": ");

    assertThat(run("validate", bad.toString())).isEqualTo(1);
    assertThat(out()).startsWith(bad + ": $: is not valid JSON: Unexpected end-of-input");
  }

  @Test
  void acceptsTheDashboardServiceList() throws IOException {
    Path list = file("services.json", "{\"microservices\": []}");

    assertThat(run("validate", list.toString())).isEqualTo(1);
    assertThat(out()).isEqualTo(list + ": $.microservices: must hold at least one service\n");
  }

  @Test
  void readsStandardInputForDash() {
    var in = new ByteArrayInputStream(VALID.getBytes(StandardCharsets.UTF_8));

    assertThat(run(in, "validate", "-")).isZero();
    assertThat(out()).isEqualTo("-: ok\n");
  }

  @Test
  void unreadableFileExitsTwoButOtherFilesAreStillChecked() throws IOException {
    Path missing = dir.resolve("missing.json");
    Path bad = file("bad.json", "[]");

    assertThat(run("validate", missing.toString(), bad.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(missing + ": cannot read: no such file");
    assertThat(out()).isEqualTo(bad + ": $: must be a JSON object, not an array\n");
  }

  @Test
  void aDirectoryIsUnreadable() {
    assertThat(run("validate", dir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(dir + ": cannot read: ");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("check", "x.json")).isEqualTo(2);
    assertThat(run("validate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "no command given", "unknown command \"check\"", "validate needs at least one FILE")
        .contains("usage: java -jar sla-schema-cli.jar validate FILE...");
    assertThat(out.size()).isZero();
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out()).startsWith("usage: ");
  }
}
