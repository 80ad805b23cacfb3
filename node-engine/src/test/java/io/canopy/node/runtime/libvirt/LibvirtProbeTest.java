package io.canopy.node.runtime.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.FreePorts;
import io.canopy.testsupport.TestKernels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check that decides whether a worker runs unikernels. */
class LibvirtProbeTest {
  @TempDir Path dir;

  @Test
  void theRunningLibvirtdRunsGuestsOfTheHostsArchitecture() {
    TestKernels.requireLibvirt();
    LibvirtProbe.Result result = LibvirtProbe.probe(LibvirtSettings.SYSTEM_URI);
    assertThat(result.whyNot()).isNull();
    assertThat(result.usable()).isTrue();
    assertThat(result.arches()).containsExactly(Arches.host());
    assertThat(result.domainType()).isIn("kvm", "qemu");
  }

  @Test
  void withoutTheDaemonsSocketItSaysLibvirtdIsNotRunning() {
    Path socket = dir.resolve("libvirt-sock");
    LibvirtProbe.Result result = LibvirtProbe.probe(LibvirtSettings.SYSTEM_URI, List.of(socket));
    assertThat(result.usable()).isFalse();
    assertThat(result.arches()).isEmpty();
    assertThat(result.whyNot())
        .isEqualTo(
            "libvirtd is not running (no "
                + socket
                + "); start it (libvirtd -d, or systemctl start libvirtd) and restart the node"
                + " engine");
  }

  @Test
  void aDaemonThatRefusesTheConnectionIsNamedWithLibvirtsWords() {
    String uri = "qemu+tcp://127.0.0.1:" + FreePorts.next() + "/system";
    LibvirtProbe.Result result = LibvirtProbe.probe(uri);
    assertThat(result.usable()).isFalse();
    assertThat(result.whyNot()).startsWith("libvirtd does not answer at " + uri + ": ");
    assertThat(result.whyNot()).containsIgnoringCase("connection refused");
  }
}
