package io.canopy.node.runtime.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.node.runtime.GuestNic;
import io.canopy.node.runtime.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts: domain XML, KVM detection, arch choice, command line, metadata, states. */
class DomainPartsTest {
  @TempDir Path dir;

  static final GuestNic NIC = new GuestNic("canopyt01234567", "10.18.0.5", 26, "10.18.0.1", 1450);

  static DomainSpec spec(String type, GuestNic nic) {
    return new DomainSpec(
        "canopy-abc-node1",
        "abc",
        "node<1>",
        true,
        Instant.parse("2026-01-01T00:00:00Z"),
        type,
        "x86_64",
        "pc",
        64,
        2,
        Path.of("/run/k/kernel"),
        null,
        "console=ttyS0 a=\"b c\"",
        Path.of("/run/k/console.log"),
        nic,
        "52:54:00:01:02:03");
  }

  @Test
  void domainXmlBootsTheKernelWithSerialLogAcpiAndNoGraphics() {
    String xml = DomainXml.of(spec("qemu", null));
    assertThat(xml)
        .startsWith("<domain type='qemu'>")
        .contains("<name>canopy-abc-node1</name>")
        .contains(
            "<canopy:instance xmlns:canopy='https://canopy.io/instance' id='abc' node='node&lt;1&gt;'"
                + " oneShot='true' started='2026-01-01T00:00:00Z'/>")
        .contains("<memory unit='MiB'>64</memory>", "<vcpu>2</vcpu>")
        .contains("<type arch='x86_64' machine='pc'>hvm</type>")
        .contains("<kernel>/run/k/kernel</kernel>")
        .contains("<cmdline>console=ttyS0 a=&quot;b c&quot;</cmdline>")
        .contains("<features><acpi/></features>", "<on_poweroff>destroy</on_poweroff>")
        .contains("<serial type='file'>", "<source path='/run/k/console.log'/>")
        .doesNotContain("<initrd>", "<graphics", "<interface", "host-passthrough");
  }

  @Test
  void aNicIsAnUnmanagedTapAndKvmPassesTheCpuThrough() {
    String xml = DomainXml.of(spec("kvm", NIC));
    assertThat(xml)
        .startsWith("<domain type='kvm'>")
        .contains("<cpu mode='host-passthrough'/>")
        .contains(
            "    <interface type='ethernet'>\n"
                + "      <target dev='canopyt01234567' managed='no'/>\n"
                + "      <mac address='52:54:00:01:02:03'/>\n"
                + "      <model type='virtio'/>\n"
                + "      <mtu size='1450'/>\n"
                + "    </interface>\n")
        .doesNotContain("<source bridge");
  }

  @Test
  void kvmNeedsTheDeviceAndTheCpuFlags() throws Exception {
    Path dev = Files.createFile(dir.resolve("kvm"));
    Path withVmx = Files.writeString(dir.resolve("a"), "processor: 0\nflags\t\t: fpu vmx sse\n");
    Path without = Files.writeString(dir.resolve("b"), "processor: 0\nflags\t\t: fpu sse\n");
    Path arm = Files.writeString(dir.resolve("c"), "processor: 0\nFeatures\t: fp asimd\n");
    assertThat(Accelerator.domainType(dev, withVmx)).isEqualTo("kvm");
    assertThat(Accelerator.domainType(dev, without)).isEqualTo("qemu");
    assertThat(Accelerator.domainType(dev, arm)).isEqualTo("kvm");
    assertThat(Accelerator.domainType(dir.resolve("absent"), withVmx)).isEqualTo("qemu");
  }

  @Test
  void theArchiveForThisArchIsChosenByPosition() throws Exception {
    assertThat(ArchChoice.pick(List.of("a", "b"), List.of("arm64", "x86_64"), "amd64"))
        .isEqualTo("b");
    assertThat(ArchChoice.pick(List.of("a", "b"), List.of("amd64", "aarch64"), "arm64"))
        .isEqualTo("b");
    assertThat(ArchChoice.pick(List.of("only"), List.of(), "amd64")).isEqualTo("only");
    assertThatThrownBy(() -> ArchChoice.pick(List.of("a", "b"), List.of("amd64"), "amd64"))
        .hasMessage("\"code\" lists 2 archive(s) but \"arch\" lists 1 architecture(s)");
    assertThatThrownBy(() -> ArchChoice.pick(List.of("a", "b"), List.of(), "amd64"))
        .hasMessageContaining("does not say which is which");
  }

  @Test
  void theCommandLineIsArchiveThenCmdThenTheAddressingInCanopysAndLinuxsForm() {
    assertThat(KernelCmdline.of("console=ttyS0", List.of("a=1", " b "), NIC))
        .isEqualTo(
            "console=ttyS0 a=1 b canopy.ip=10.18.0.5/26 canopy.gw=10.18.0.1"
                + " ip=10.18.0.5::10.18.0.1:255.255.255.192::eth0:off");
    assertThat(KernelCmdline.of("console=ttyS0", List.of("a=1"), null))
        .isEqualTo("console=ttyS0 a=1");
    assertThat(KernelCmdline.of("", List.of(), null)).isEmpty();
    assertThat(new GuestNic("t", "10.18.0.2", 16, "10.18.0.1", 1450).netmask())
        .isEqualTo("255.255.0.0");
    assertThat(new GuestNic("t", "10.18.0.2", 30, "10.18.0.1", 1450).netmask())
        .isEqualTo("255.255.255.252");
  }

  @Test
  void metadataIsReadBackWhateverPrefixAndQuotesLibvirtUses() {
    CanopyMetadata m =
        CanopyMetadata.parse(
            "<instance xmlns=\"https://canopy.io/instance\" id=\"i1\" node=\"n&amp;1\""
                + " oneShot=\"true\" started=\"2026-01-01T00:00:00Z\"/>");
    assertThat(m).isEqualTo(new CanopyMetadata("i1", "n&1", true, "2026-01-01T00:00:00Z"));
    assertThat(CanopyMetadata.parse("<instance xmlns='x' id='i1'/>")).isNull();
  }

  @Test
  void aPowerOffIsExitZeroAndAnythingElseIsNot() {
    Observation powerOff = DomainStates.observe(5, 1, "t");
    assertThat(powerOff.running()).isFalse();
    assertThat(powerOff.exitCode()).isZero();
    assertThat(DomainStates.observe(5, 3, "t").exitCode()).isEqualTo(1); // QEMU crashed
    assertThat(DomainStates.observe(5, 2, "t").exitCode()).isEqualTo(137); // destroyed
    assertThat(DomainStates.observe(1, 1, "t").running()).isTrue();
    assertThat(DomainStates.observe(3, 1, "t").running()).isTrue(); // paused still exists
  }

  @Test
  void guestNamesAreDerivedFromTheInstance() {
    assertThat(GuestNames.mac("x")).matches("52:54:00(:[0-9a-f]{2}){3}");
    assertThat(GuestNames.domain("abc", "node-12345678-abcdefgh")).isEqualTo("canopy-abc-abcdefgh");
  }
}
