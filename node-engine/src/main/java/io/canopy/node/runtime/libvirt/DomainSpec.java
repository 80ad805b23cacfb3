package io.canopy.node.runtime.libvirt;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Everything one guest's domain XML says.
 *
 * @param name the domain name ({@link GuestNames#domain})
 * @param instanceId the root's instance id (metadata)
 * @param nodeId this node (metadata: {@code recover()} adopts only its own domains)
 * @param oneShot whether a power-off completes the instance (metadata)
 * @param started when Canopy started it (metadata; the observation's startedAt)
 * @param type {@code kvm} or {@code qemu} ({@link Accelerator})
 * @param arch libvirt's architecture name, e.g. {@code x86_64}
 * @param machine the machine type, e.g. {@code pc}
 * @param memoryMb guest memory
 * @param vcpus virtual CPUs
 * @param kernel the kernel image (readable by libvirt's QEMU user)
 * @param initrd the initial ramdisk, or null
 * @param cmdline the kernel command line
 * @param console the file the first serial port writes to
 * @param bridge the bridge the guest's NIC joins, or null for no NIC
 * @param tap the tap device's name on the bridge
 * @param mac the NIC's MAC address
 */
record DomainSpec(
    String name,
    String instanceId,
    String nodeId,
    boolean oneShot,
    Instant started,
    String type,
    String arch,
    String machine,
    long memoryMb,
    int vcpus,
    Path kernel,
    Path initrd,
    String cmdline,
    Path console,
    String bridge,
    String tap,
    String mac) {}
