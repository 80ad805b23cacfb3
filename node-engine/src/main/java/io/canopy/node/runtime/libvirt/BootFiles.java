package io.canopy.node.runtime.libvirt;

import java.nio.file.Path;

/**
 * An unpacked kernel archive in the cache.
 *
 * @param kernel the kernel image
 * @param initrd the initial ramdisk, or null
 * @param cmdline the archive's kernel command line, "" when it has none
 */
record BootFiles(Path kernel, Path initrd, String cmdline) {}
