package io.canopy.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigReaderTest {
  @TempDir Path dir;

  @Test
  void defaultsNeedOnlyTheClusterUrl() {
    NodeConfig c =
        NodeConfigReader.read(new String[] {"--cluster-url", "http://10.0.0.5:10100/"}, Map.of());

    assertThat(c.clusterUrl()).hasToString("http://10.0.0.5:10100");
    assertThat(c.joinToken()).isNull();
    assertThat(c.dataDir()).isEqualTo(Path.of("./var/worker"));
    assertThat(c.metricsPort()).isEqualTo(10200);
    assertThat(c.reportInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.dockerHost()).hasToString("unix:///var/run/docker.sock");
    assertThat(c.stopGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.pullTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.libvirtUri()).isEqualTo("qemu:///system");
    assertThat(c.name()).isNotBlank();
  }

  @Test
  void unikernelsCanBeTurnedOffOrPointedAtAnotherLibvirtd() {
    String[] cluster = {"--cluster-url", "http://c:10100"};
    assertThat(NodeConfigReader.read(cluster, Map.of("CANOPY_UNIKERNELS", "off")).libvirtUri())
        .isNull();
    assertThat(
            NodeConfigReader.read(
                    new String[] {"--cluster-url=http://c", "--libvirt-uri=qemu+ssh://h/system"},
                    Map.of())
                .libvirtUri())
        .isEqualTo("qemu+ssh://h/system");
    assertThat(
            NodeConfigReader.read(
                    new String[] {"--cluster-url=http://c", "--unikernels", "auto"},
                    Map.of("CANOPY_LIBVIRT_URI", "qemu:///session"))
                .libvirtUri())
        .isEqualTo("qemu:///session");
    assertThat(NodeConfigReader.read(cluster, Map.of()).withDataDir(Path.of("/x")).libvirtUri())
        .isEqualTo("qemu:///system");
  }

  @Test
  void badUnikernelSettingsAreClearErrors() {
    assertThatThrownBy(
            () ->
                NodeConfigReader.read(
                    new String[] {"--cluster-url=http://c", "--unikernels=maybe"}, Map.of()))
        .hasMessage("--unikernels \"maybe\" is not auto or off");
    assertThatThrownBy(
            () ->
                NodeConfigReader.read(
                    new String[] {"--cluster-url=http://c", "--libvirt-uri=/var/run/libvirt"},
                    Map.of()))
        .hasMessage("--libvirt-uri \"/var/run/libvirt\" is not a libvirt URI like qemu:///system");
  }

  @Test
  void flagsWinOverEnvironmentWhichWinsOverTheFile() throws Exception {
    Path file = dir.resolve("node.properties");
    Files.writeString(
        file,
        "cluster-url=http://file:10100\njoin-token=from-file\nname=file-name\nreport-interval=5s\n");
    Map<String, String> env =
        Map.of(
            "CANOPY_CONFIG", file.toString(),
            "CANOPY_JOIN_TOKEN", "from-env",
            "CANOPY_NAME", "env-name");

    NodeConfig c =
        NodeConfigReader.read(new String[] {"--name=flag-name", "--metrics-port", "0"}, env);

    assertThat(c.clusterUrl()).hasToString("http://file:10100");
    assertThat(c.joinToken()).isEqualTo("from-env");
    assertThat(c.name()).isEqualTo("flag-name");
    assertThat(c.reportInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.metricsPort()).isZero();
  }

  @Test
  void theOverlayIsAutoByDefaultAndReadLikeEveryOtherSetting() {
    String[] cluster = {"--cluster-url", "http://10.0.0.5:10100"};
    assertThat(NodeConfigReader.network(cluster, Map.of()))
        .isEqualTo(new NetworkSettings(NetworkSettings.Mode.AUTO, null, null));
    assertThat(
            NodeConfigReader.network(
                new String[] {"--net-manager=embedded", "--net-namespace", "w1"}, Map.of()))
        .isEqualTo(new NetworkSettings(NetworkSettings.Mode.EMBEDDED, null, "w1"));
    assertThat(
            NodeConfigReader.network(
                new String[0], Map.of("CANOPY_NET_MANAGER", "socket:/run/canopy/net.sock")))
        .isEqualTo(
            new NetworkSettings(
                NetworkSettings.Mode.SOCKET, Path.of("/run/canopy/net.sock"), null));
    assertThat(NodeConfigReader.network(new String[] {"--net-manager", "OFF"}, Map.of()).mode())
        .isEqualTo(NetworkSettings.Mode.OFF);
    assertThatThrownBy(
            () -> NodeConfigReader.network(new String[] {"--net-manager", "on"}, Map.of()))
        .hasMessageContaining(
            "--net-manager \"on\" is not one of auto, embedded, off, socket:PATH");
    assertThatThrownBy(
            () ->
                NodeConfigReader.network(
                    new String[] {"--net-manager", "socket:/x.sock", "--net-namespace", "w"},
                    Map.of()))
        .hasMessageContaining("--net-namespace is for the embedded net manager");
    assertThat(NodeConfigReader.USAGE).contains("--net-manager", "CANOPY_NET_NAMESPACE");
  }

  @Test
  void readsDurationsInShortAndIsoForm() {
    assertThat(NodeConfigReader.duration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(NodeConfigReader.duration("x", "3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(NodeConfigReader.duration("x", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(NodeConfigReader.duration("x", "PT1H")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void badInputIsAClearError() {
    assertThatThrownBy(() -> NodeConfigReader.read(new String[0], Map.of()))
        .hasMessageContaining("--cluster-url or CANOPY_CLUSTER_URL");
    assertThatThrownBy(
            () -> NodeConfigReader.read(new String[] {"--cluster-url", "ftp://x"}, Map.of()))
        .hasMessageContaining("is not an http(s) URL");
    assertThatThrownBy(() -> NodeConfigReader.read(new String[] {"--colour", "red"}, Map.of()))
        .hasMessage("unknown option --colour");
    assertThatThrownBy(() -> NodeConfigReader.read(new String[] {"--cluster-url"}, Map.of()))
        .hasMessage("--cluster-url needs a value");
    assertThatThrownBy(
            () ->
                NodeConfigReader.read(
                    new String[] {"--cluster-url", "http://c", "--report-interval", "soon"},
                    Map.of()))
        .hasMessageContaining("--report-interval \"soon\" is not a positive duration");
    assertThatThrownBy(
            () ->
                NodeConfigReader.read(
                    new String[] {"--cluster-url", "http://c", "--metrics-port", "70000"},
                    Map.of()))
        .hasMessageContaining("is not a port");
    assertThatThrownBy(
            () ->
                NodeConfigReader.read(
                    new String[] {"--config", dir.resolve("none").toString()}, Map.of()))
        .hasMessageContaining("cannot read config file");
  }
}
