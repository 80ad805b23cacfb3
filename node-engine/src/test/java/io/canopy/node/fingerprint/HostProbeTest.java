package io.canopy.node.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.wire.node.Fingerprint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProbeTest {
  @TempDir Path proc;

  @Test
  void namesArchitecturesTheWaySlasDo() {
    assertThat(HostProbe.goArch("amd64")).isEqualTo("amd64");
    assertThat(HostProbe.goArch("x86_64")).isEqualTo("amd64");
    assertThat(HostProbe.goArch("aarch64")).isEqualTo("arm64");
    assertThat(HostProbe.goArch("arm")).isEqualTo("arm");
    assertThat(HostProbe.goArch("riscv64")).isEqualTo("riscv64");
  }

  @Test
  void cpuUseIsTheBusyShareBetweenTwoSamples() throws Exception {
    HostProbe probe =
        new HostProbe(
            proc,
            proc,
            new GpuProbe(null),
            () -> List.of("container"),
            "10.0.0.9",
            URI.create("http://127.0.0.1:1"));
    Files.writeString(
        proc.resolve("meminfo"),
        "MemTotal: 2048000 kB\nMemFree: 100000 kB\nMemAvailable: 1024000 kB\n");
    // user nice system idle iowait irq softirq steal
    Files.writeString(proc.resolve("stat"), "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 1 1 1\n");
    Fingerprint first = probe.sample();
    Files.writeString(proc.resolve("stat"), "cpu  250 0 150 850 150 0 0 0 0 0\n");
    Fingerprint second = probe.sample();

    assertThat(first.cpuPercent()).isZero();
    assertThat(second.cpuPercent()).isEqualTo(50.0); // 200 busy of 400 ticks
    assertThat(second.memoryTotalMb()).isEqualTo(2000);
    assertThat(second.memoryFreeMb()).isEqualTo(1000);
    assertThat(second.runtimes()).containsExactly("container");
    assertThat(second.underlayAddress()).isEqualTo("10.0.0.9");
    assertThat(second.diskTotalMb()).isPositive();
    assertThat(second.cores()).isPositive();
  }

  @Test
  void findsTheAddressThatRoutesToTheClusterWithoutSendingAnything() {
    HostProbe probe =
        new HostProbe(
            proc, proc, new GpuProbe(null), List::of, null, URI.create("http://127.0.0.1:10100"));
    assertThat(probe.underlayAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void readsNvidiaSmiCsv() {
    assertThat(GpuProbe.parse("Tesla T4, 15360, 15000, 7\nbroken line\nX, [N/A], 1, 2\n"))
        .containsExactly(new Fingerprint.Gpu("Tesla T4", 15360, 15000, 7.0));
  }
}
