package io.canopy.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The guests unikernel tests boot, all built from local parts (nothing is downloaded at test time):
 * a multiboot kernel assembled with binutils, and a Linux kernel (fetched once by
 * scripts/fetch-test-kernel.sh) with a busybox initramfs.
 */
public final class TestKernels {
  /** What the multiboot kernel prints on its serial port. */
  public static final String HELLO = "hello from the canopy test kernel";

  /** What the busybox initramfs prints once its HTTP server runs. */
  public static final String MARKER = "CANOPY-GUEST-READY";

  /** What the busybox initramfs's HTTP server answers on port 80 (without the newline). */
  public static final String PAGE = "hello from a canopy unikernel";

  public static final String SYSTEM_URI = "qemu:///system";

  private TestKernels() {}

  /** Fails, saying how to get them, unless libvirtd answers at qemu:///system and QEMU exists. */
  public static void requireLibvirt() {
    Requirements.requireRoot("Starting QEMU guests through " + SYSTEM_URI);
    String virsh =
        Requirements.require("virsh", "Install libvirt: apt-get install libvirt-daemon-system");
    Requirements.require("qemu-system-x86_64", "Install QEMU: apt-get install qemu-system-x86");
    if (!Commands.run(List.of(virsh, "-c", SYSTEM_URI, "version"), 30).ok()) {
      throw new AssertionError(
          "libvirtd does not answer at "
              + SYSTEM_URI
              + ". Start it: virtlogd -d; libvirtd -d (scripts/test.sh does).");
    }
  }

  /**
   * A multiboot kernel that prints {@link #HELLO} on COM1 and then, when {@code powerOff}, powers
   * the machine off through the ACPI PM1a control port (0x604 as SeaBIOS sets up QEMU's PIIX4;
   * 0xB004 on older machines), else halts forever. {@code dir} receives the build files.
   */
  public static byte[] multiboot(Path dir, boolean powerOff) {
    String as = Requirements.require("as", "Install binutils: apt-get install binutils");
    String ld = Requirements.require("ld", "Install binutils: apt-get install binutils");
    String source =
        """
        .code32
        .text
        .globl _start
        .align 4
        .long 0x1BADB002
        .long 0
        .long -0x1BADB002
        _start:
          mov $msg, %esi
        next:
          lodsb
          test %al, %al
          jz done
          mov %al, %bl
          mov $0x3fd, %dx
        wait:
          in %dx, %al
          test $0x20, %al
          jz wait
          mov $0x3f8, %dx
          mov %bl, %al
          out %al, %dx
          jmp next
        done:
        """
            + (powerOff
                ? """
                  mov $0x2000, %ax
                  mov $0x604, %dx
                  out %ax, %dx
                  mov $0xb004, %dx
                  out %ax, %dx
                """
                : "")
            + """
        halt:
          cli
          hlt
          jmp halt
        msg:
          .asciz "%s\\r\\n"
        """
                .formatted(HELLO);
    try {
      Files.createDirectories(dir);
      Path src = dir.resolve("kernel.s");
      Path object = dir.resolve("kernel.o");
      Path kernel = dir.resolve("kernel");
      Files.writeString(src, source);
      Commands.check(List.of(as, "--32", "-o", object.toString(), src.toString()), 30);
      Commands.check(
          List.of(
              ld,
              "-m",
              "elf_i386",
              "-Ttext=0x100000",
              "-e",
              "_start",
              "-o",
              kernel.toString(),
              object.toString()),
          30);
      return Files.readAllBytes(kernel);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kernel scripts/fetch-test-kernel.sh fetched, or a failure naming the script. */
  public static byte[] linux() {
    try {
      return Files.readAllBytes(linuxPath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where scripts/fetch-test-kernel.sh keeps the Linux kernel (checked to exist). */
  public static Path linuxPath() {
    String cache = System.getenv().getOrDefault("CANOPY_CACHE", "/var/cache/canopy");
    Path vmlinuz = Path.of(cache, "test-kernel", "vmlinuz");
    if (!Files.isRegularFile(vmlinuz)) {
      throw new AssertionError(
          "The Linux test kernel "
              + vmlinuz
              + " is missing. Fetch it once: scripts/fetch-test-kernel.sh (scripts/test.sh does).");
    }
    return vmlinuz;
  }

  /**
   * Where scripts/fetch-test-kernel.sh keeps the test kernel's network modules (virtio-net over
   * PCI, which Debian's cloud kernel builds as modules), with {@code order} naming them in load
   * order; checked to exist.
   */
  public static Path linuxModules() {
    Path modules = linuxPath().resolveSibling("modules");
    if (!Files.isRegularFile(modules.resolve("order"))) {
      throw new AssertionError(
          "The test kernel's network modules ("
              + modules
              + ") are missing. Fetch them once: scripts/fetch-test-kernel.sh (scripts/test.sh"
              + " does).");
    }
    return modules;
  }

  /**
   * A busybox initramfs whose /init mounts proc and sys, loads the NIC's driver, configures eth0
   * from {@code canopy.ip=} and {@code canopy.gw=} when the command line has them (Debian's cloud
   * kernel has no IP autoconfiguration, so the kernel's own {@code ip=} does nothing there) and
   * prints {@code eth0 up <address> mtu <mtu>}, serves /www ({@link #PAGE}) with busybox httpd on
   * port 80, and prints its command line and then {@link #MARKER} on the console. {@code dir}
   * receives the root filesystem.
   */
  public static byte[] busyboxInitramfs(Path dir) {
    Path root = dir.resolve("rootfs");
    TestImages.busyboxRootfs(root);
    String init =
        """
        #!/bin/sh
        export PATH=/bin
        mount -t proc proc /proc
        mount -t sysfs sys /sys
        for m in $(cat /lib/modules/order); do insmod /lib/modules/$m.ko; done
        ip=$(sed -n 's/.*canopy\\.ip=\\([^ ]*\\).*/\\1/p' /proc/cmdline)
        gw=$(sed -n 's/.*canopy\\.gw=\\([^ ]*\\).*/\\1/p' /proc/cmdline)
        if [ -n "$ip" ]; then
          n=0
          while [ ! -e /sys/class/net/eth0 ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n+1)); done
          ip addr add "$ip" dev eth0
          ip link set eth0 up
          [ -n "$gw" ] && ip route add default via "$gw"
          echo "eth0 up $ip mtu $(cat /sys/class/net/eth0/mtu)"
        fi
        ip link set lo up
        echo "guest cmdline: $(cat /proc/cmdline)"
        echo "%s" > /www/index.html
        httpd -p 80 -h /www
        echo %s
        while true; do sleep 3600; done
        """
            .formatted(PAGE, MARKER);
    try {
      Files.createDirectories(root.resolve("proc"));
      Files.createDirectories(root.resolve("sys"));
      Files.createDirectories(root.resolve("dev"));
      Path modules = Files.createDirectories(root.resolve("lib/modules"));
      try (var files = Files.list(linuxModules())) {
        for (Path module : files.toList()) {
          Files.copy(module, modules.resolve(module.getFileName().toString()));
        }
      }
      Files.writeString(root.resolve("init"), init, StandardCharsets.UTF_8);
      root.resolve("init").toFile().setExecutable(true, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Cpio.initramfs(root);
  }

  /**
   * The archive of the Linux test guest: the kernel, the busybox initramfs and a command line
   * sending the console to the first serial port.
   */
  public static byte[] linuxArchive(Path dir) {
    return new TarGz()
        .add("kernel", linux())
        .add("initrd", busyboxInitramfs(dir))
        .add("cmdline", "console=ttyS0 quiet\n")
        .bytes();
  }
}
