package io.canopy.node.runtime.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.testsupport.ArchiveServer;
import io.canopy.testsupport.TarGz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive cache: by checksum, revalidated per URL, unpacking only the expected entries. */
class KernelImagesTest {
  @TempDir Path cache;
  ArchiveServer server;
  KernelImages images;

  @BeforeEach
  void setUp() {
    server = new ArchiveServer();
    images = new KernelImages(cache, 1024 * 1024, Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void unpacksKernelInitrdAndCmdlineAndSkipsTheRest() throws Exception {
    byte[] archive =
        new TarGz()
            .add("./kernel", "K")
            .add("initrd", "I")
            .add("cmdline", "console=ttyS0\n  quiet\n")
            .add("README", "ignored")
            .bytes();
    BootFiles boot = images.fetch(server.put("/a.tar.gz", archive));
    assertThat(boot.kernel()).hasContent("K");
    assertThat(boot.initrd()).hasContent("I");
    assertThat(boot.cmdline()).isEqualTo("console=ttyS0 quiet");
    try (var files = Files.list(boot.kernel().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("kernel", "initrd", "cmdline");
    }
  }

  @Test
  void anUnchangedUrlIsRevalidatedNotDownloadedAgain() throws Exception {
    String url = server.put("/b.tar.gz", new TarGz().add("kernel", "one").bytes());
    BootFiles first = images.fetch(url);
    BootFiles again = images.fetch(url);
    assertThat(again).isEqualTo(first);
    assertThat(server.downloads()).isEqualTo(1);

    server.put("/b.tar.gz", new TarGz().add("kernel", "two").bytes());
    assertThat(images.fetch(url).kernel()).hasContent("two");
    assertThat(server.downloads()).isEqualTo(2);
  }

  @Test
  void aPinnedChecksumIsServedFromTheCacheWithoutAnyRequest() throws Exception {
    byte[] archive = new TarGz().add("kernel", "pinned").bytes();
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
    String url = server.put("/c.tar.gz", archive) + "#sha256=" + sha;
    images.fetch(url);
    server.close(); // nobody answers any more
    assertThat(images.fetch(url).kernel()).hasContent("pinned");
    assertThat(server.downloads()).isEqualTo(1);
  }

  @Test
  void aPinnedChecksumThatDoesNotMatchFails() {
    String url =
        server.put("/d.tar.gz", new TarGz().add("kernel", "x").bytes())
            + "#sha256="
            + "0".repeat(64);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> images.fetch(url))
        .isInstanceOf(ImageFailure.class)
        .hasMessageContaining("not the pinned");
  }

  @Test
  void fileUrlsAreRead() throws Exception {
    Path archive =
        Files.write(
            cache.resolveSibling(cache.getFileName() + ".tar.gz"),
            new TarGz().add("kernel", "from a file").bytes());
    assertThat(images.fetch(archive.toUri().toString()).kernel()).hasContent("from a file");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> images.fetch(archive.toUri() + ".missing"))
        .hasMessageStartingWith("no kernel archive at ");
  }
}
