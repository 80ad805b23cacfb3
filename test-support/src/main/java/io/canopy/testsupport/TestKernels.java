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
   * A busybox initramfs whose /init mounts proc and sys, configures eth0 from {@code canopy.ip=}
   * when the guest has a NIC, serves /www with busybox httpd on port 80, and prints its command
   * line and then {@link #MARKER} on the console. {@code dir} receives the root filesystem.
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
        ip=$(sed -n 's/.*canopy\\.ip=\\([^ ]*\\).*/\\1/p' /proc/cmdline)
        if [ -n "$ip" ] && [ -e /sys/class/net/eth0 ]; then
          ip addr add "$ip" dev eth0
          ip link set eth0 up
        fi
        ip link set lo up
        echo "guest cmdline: $(cat /proc/cmdline)"
        echo "hello from a canopy unikernel" > /www/index.html
        httpd -p 80 -h /www
        echo %s
        while true; do sleep 3600; done
        """
            .formatted(MARKER);
    try {
      Files.createDirectories(root.resolve("proc"));
      Files.createDirectories(root.resolve("sys"));
      Files.createDirectories(root.resolve("dev"));
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
