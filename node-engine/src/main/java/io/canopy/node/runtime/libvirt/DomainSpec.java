package io.canopy.node.runtime.libvirt;

import io.canopy.node.runtime.GuestNic;
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
 * @param nic the guest's NIC (its tap device exists), or null for none
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
    GuestNic nic,
    String mac) {}
