package io.canopy.node.runtime.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.node.runtime.StartResult;
import io.canopy.testsupport.ArchiveServer;
import io.canopy.testsupport.FreePorts;
import io.canopy.testsupport.TarGz;
import io.canopy.testsupport.TestKernels;
import io.canopy.wire.InstanceSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unusable kernel archives fail the instance with their reason, and leave no domain behind. */
class ImageFailuresTest {
  @TempDir Path dir;
  LibvirtRuntime runtime;
  ArchiveServer server;

  @BeforeAll
  static void libvirt() {
    TestKernels.requireLibvirt();
  }

  @BeforeEach
  void runtime() {
    runtime = new LibvirtRuntime("node-" + TestGuests.newId(), LibvirtSettings.defaults(dir));
    server = new ArchiveServer();
  }

  @AfterEach
  void close() {
    assertThat(runtime.recover()).isEmpty();
    runtime.close();
    server.close();
  }

  @Test
  void anArchiveWithoutKernel() {
    String url = server.put("/empty.tar.gz", new TarGz().add("cmdline", "quiet").bytes());
    assertThat(reason(url, List.of("amd64"))).contains("has no 'kernel' entry").contains(url);
  }

  @Test
  void noArchiveForThisArchitecture() {
    String url = server.put("/arm.tar.gz", new TarGz().add("kernel", "x").bytes());
    assertThat(reason(url, List.of("arm64")))
        .isEqualTo(
            "no kernel archive for this worker's architecture "
                + Arches.host()
                + " (the service offers arm64)");
  }

  @Test
  void anUnreachableUrl() {
    String url = "http://127.0.0.1:" + FreePorts.next() + "/kernel.tar.gz";
    assertThat(reason(url, List.of())).contains("cannot reach").contains("connection refused");
  }

  @Test
  void anHttpErrorStatus() {
    assertThat(reason(server.url("/missing.tar.gz"), List.of())).endsWith("answered HTTP 404");
  }

  @Test
  void somethingThatIsNotGzip() {
    String url = server.put("/plain.tar.gz", "just text".getBytes());
    assertThat(reason(url, List.of())).contains("is not gzip-compressed");
  }

  @Test
  void anEntryClimbingOutOfTheArchive() {
    String url =
        server.put("/evil.tar.gz", new TarGz().add("kernel", "k").add("../../x", "y").bytes());
    assertThat(reason(url, List.of())).contains("unsafe entry name: ../../x");
  }

  @Test
  void aKernelThatIsASymlink() {
    String url = server.put("/link.tar.gz", new TarGz().symlink("kernel").bytes());
    assertThat(reason(url, List.of())).contains("'kernel'").contains("is not a regular file");
  }

  @Test
  void anArchiveOverTheSizeLimit() {
    runtime.close();
    runtime =
        new LibvirtRuntime(
            "node-" + TestGuests.newId(), LibvirtSettings.defaults(dir).withMaxImageBytes(1000));
    String url = server.put("/big.tar.gz", new byte[5000]);
    assertThat(reason(url, List.of())).contains("larger than the limit of 1000 bytes");
  }

  @Test
  void noCodeAtAll() {
    assertThat(reason("", List.of())).isEqualTo("the service names no kernel archive in \"code\"");
  }

  private String reason(String code, List<String> arch) {
    InstanceSpec spec = TestGuests.spec(TestGuests.newId(), code, arch, List.of(), false);
    StartResult result = runtime.start(spec);
    assertThat(result).isInstanceOf(StartResult.Failed.class);
    return ((StartResult.Failed) result).reason();
  }
}
