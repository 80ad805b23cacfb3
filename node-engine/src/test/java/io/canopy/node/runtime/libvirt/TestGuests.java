package io.canopy.node.runtime.libvirt;

import io.canopy.sla.Microservice;
import io.canopy.testsupport.Requirements;
import io.canopy.testsupport.TestImages;
import io.canopy.wire.InstanceSpec;
import io.canopy.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The guests the unikernel tests boot, all built by the tests from local parts: a multiboot kernel
 * assembled with binutils, and a Linux kernel (fetched once by scripts/fetch-test-kernel.sh) with a
 * busybox initramfs.
 */
final class TestGuests {
  static final String HELLO = "hello from the canopy test kernel";
  static final String MARKER = "CANOPY-GUEST-READY";

  private TestGuests() {}

  static String newId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }

  /** A unikernel instance spec, as the cluster sends it. */
  static InstanceSpec spec(
      String instanceId, String code, List<String> arch, List<String> cmd, boolean oneShot) {
    Map<String, Object> sla = new LinkedHashMap<>();
    sla.put("microservice_name", "uk");
    sla.put("microservice_namespace", "test");
    sla.put("virtualization", "unikernel");
    sla.put("cmd", cmd);
    sla.put("memory", 128);
    sla.put("vcpus", 1);
    sla.put("code", code);
    sla.put("arch", arch);
    sla.put("one_shot", oneShot);
    for (String zero : List.of("vgpus", "vtpus", "bandwidth_in", "bandwidth_out", "storage")) {
      sla.put(zero, 0);
    }
    sla.put("privileged", false);
    Microservice service = WireJson.mapper().convertValue(sla, Microservice.class);
    return new InstanceSpec(instanceId, "svc-uk", "app.test.uk.test", 0, service, null, null);
  }

  /** Fails, saying how to get them, unless libvirtd answers and QEMU is installed. */
  static void requireLibvirt() {
    Requirements.requireRoot("Starting QEMU guests through qemu:///system");
    String virsh =
        Requirements.require("virsh", "Install libvirt: apt-get install libvirt-daemon-system");
    Requirements.require("qemu-system-x86_64", "Install QEMU: apt-get install qemu-system-x86");
    String answer = run(List.of(virsh, "-c", LibvirtSettings.SYSTEM_URI, "version"));
    if (answer == null) {
      throw new AssertionError(
          "libvirtd does not answer at qemu:///system. Start it: virtlogd -d; libvirtd -d"
              + " (scripts/test.sh does).");
    }
  }

  /**
   * A multiboot kernel that prints {@link #HELLO} on COM1 and then, when {@code powerOff}, powers
   * the machine off through the ACPI PM1a control port (0x604 as SeaBIOS sets up QEMU's PIIX4;
   * 0xB004 on older machines), else halts forever.
   */
  static byte[] multibootKernel(Path dir, boolean powerOff) {
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
      Files.writeString(dir.resolve("kernel.s"), source);
      check(
          List.of(
              as,
              "--32",
              "-o",
              dir.resolve("kernel.o").toString(),
              dir.resolve("kernel.s").toString()));
      check(
          List.of(
              ld,
              "-m",
              "elf_i386",
              "-Ttext=0x100000",
              "-e",
              "_start",
              "-o",
              dir.resolve("kernel").toString(),
              dir.resolve("kernel.o").toString()));
      return Files.readAllBytes(dir.resolve("kernel"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kernel scripts/fetch-test-kernel.sh fetched, or a failure naming the script. */
  static byte[] linuxKernel() {
    String cache = System.getenv().getOrDefault("CANOPY_CACHE", "/var/cache/canopy");
    Path vmlinuz = Path.of(cache, "test-kernel", "vmlinuz");
    if (!Files.isRegularFile(vmlinuz)) {
      throw new AssertionError(
          "The Linux test kernel "
              + vmlinuz
              + " is missing. Fetch it once: scripts/fetch-test-kernel.sh (scripts/test.sh does).");
    }
    try {
      return Files.readAllBytes(vmlinuz);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A busybox initramfs whose /init mounts proc and sys, configures eth0 from {@code canopy.ip=}
   * when the guest has a NIC, serves /www with busybox httpd on port 80, and prints its command
   * line and then {@link #MARKER} on the console.
   */
  static byte[] busyboxInitramfs(Path dir) {
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

  private static void check(List<String> command) {
    if (run(command) == null) {
      throw new AssertionError("command failed: " + String.join(" ", command));
    }
  }

  /** The command's output, or null when it failed. */
  static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
