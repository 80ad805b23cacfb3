package io.canopy.node.runtime.libvirt;

/**
 * Writes a guest's libvirt domain XML: direct kernel boot, the first serial port into a file (the
 * logs), ACPI on so the guest can power itself off, a power-off or crash ending the domain rather
 * than restarting it, no graphics, and a virtio NIC on the guest's tap when it has one. The Canopy
 * metadata element names the instance, the node and whether it is one-shot.
 */
final class DomainXml {
  static final String NAMESPACE = "https://canopy.io/instance";

  private DomainXml() {}

  static String of(DomainSpec d) {
    StringBuilder x = new StringBuilder();
    x.append("<domain type='").append(esc(d.type())).append("'>\n");
    x.append("  <name>").append(esc(d.name())).append("</name>\n");
    x.append("  <metadata>\n");
    x.append("    <canopy:instance xmlns:canopy='").append(NAMESPACE).append("'");
    x.append(" id='").append(esc(d.instanceId())).append("'");
    x.append(" node='").append(esc(d.nodeId())).append("'");
    x.append(" oneShot='").append(d.oneShot()).append("'");
    x.append(" started='").append(d.started()).append("'/>\n");
    x.append("  </metadata>\n");
    x.append("  <memory unit='MiB'>").append(d.memoryMb()).append("</memory>\n");
    x.append("  <vcpu>").append(d.vcpus()).append("</vcpu>\n");
    x.append("  <os>\n");
    x.append("    <type arch='").append(esc(d.arch())).append("' machine='");
    x.append(esc(d.machine())).append("'>hvm</type>\n");
    x.append("    <kernel>").append(esc(d.kernel().toString())).append("</kernel>\n");
    if (d.initrd() != null) {
      x.append("    <initrd>").append(esc(d.initrd().toString())).append("</initrd>\n");
    }
    x.append("    <cmdline>").append(esc(d.cmdline())).append("</cmdline>\n");
    x.append("  </os>\n");
    x.append("  <features><acpi/></features>\n");
    if ("kvm".equals(d.type())) {
      x.append("  <cpu mode='host-passthrough'/>\n");
    }
    x.append("  <on_poweroff>destroy</on_poweroff>\n");
    x.append("  <on_reboot>restart</on_reboot>\n");
    x.append("  <on_crash>destroy</on_crash>\n");
    x.append("  <devices>\n");
    x.append("    <serial type='file'>\n");
    x.append("      <source path='").append(esc(d.console().toString())).append("'/>\n");
    x.append("      <target port='0'/>\n");
    x.append("    </serial>\n");
    if (d.nic() != null) {
      // the tap exists already and libvirt must leave it alone (managed='no'): the net manager
      // moves it onto the Canopy bridge, which may live in another network namespace than
      // libvirtd's, where a libvirt-managed bridge port could not be
      x.append("    <interface type='ethernet'>\n");
      x.append("      <target dev='").append(esc(d.nic().tap())).append("' managed='no'/>\n");
      x.append("      <mac address='").append(esc(d.mac())).append("'/>\n");
      x.append("      <model type='virtio'/>\n");
      x.append("      <mtu size='").append(d.nic().mtu()).append("'/>\n");
      x.append("    </interface>\n");
    }
    // no balloon: guests get exactly their SLA memory, and tiny kernels have no balloon driver
    x.append("    <memballoon model='none'/>\n");
    x.append("  </devices>\n");
    x.append("</domain>\n");
    return x.toString();
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\'' -> out.append("&apos;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
