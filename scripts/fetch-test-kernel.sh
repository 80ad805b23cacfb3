#!/bin/sh
# Fetches, once, the Linux kernel the unikernel runtime's tests boot: vmlinuz from Debian's
# linux-image-cloud-amd64 (small, serial console built in), into
#   ${CANOPY_CACHE:-/var/cache/canopy}/test-kernel/vmlinuz
# and, from the same package, the modules a guest needs for its network card (virtio-net over
# PCI; Debian builds them as modules and has no kernel IP autoconfiguration), into
#   ${CANOPY_CACHE:-/var/cache/canopy}/test-kernel/modules/<name>.ko
# with modules/order listing them in the order they must be loaded.
# Idempotent: does nothing when both are there. Tests never download; they fail with a message
# naming this script when something is missing.
set -eu

cache="${CANOPY_CACHE:-/var/cache/canopy}/test-kernel"
target="$cache/vmlinuz"
# dependencies first (each module's "depends=" names only modules listed before it)
modules="virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci failover net_failover virtio_net"
if [ -s "$target" ] && [ -s "$cache/modules/order" ]; then
  echo "test kernel present: $target"
  exit 0
fi
mkdir -p "$cache"
work=$(mktemp -d)
chmod 755 "$work" # apt-get download fetches as the _apt user
trap 'rm -rf "$work"' EXIT

# the metapackage only depends on the versioned image package: resolve it, then fetch that
meta=linux-image-cloud-amd64
resolve() {
  apt-cache depends "$meta" 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[^ ]*-cloud-amd64\)$/\1/p' | head -n 1
}
package=$(resolve)
if [ -z "$package" ] && [ "$(id -u)" -eq 0 ]; then
  apt-get update -q >/dev/null # package lists may be missing on a fresh machine
  package=$(resolve)
fi
if [ -z "$package" ]; then
  echo "cannot resolve $meta (run apt-get update first)" >&2
  exit 1
fi
(cd "$work" && apt-get download "$package" >/dev/null 2>&1)
deb=$(ls "$work"/*.deb)
dpkg-deb -x "$deb" "$work/root"
kernel=$(ls "$work"/root/boot/vmlinuz-* | head -n 1)
# kernel and modules always come from one package: a module only loads into its own kernel
rm -rf "$cache/modules.tmp"
mkdir -p "$cache/modules.tmp"
for m in $modules; do
  found=$(find "$work/root/lib/modules" -name "$m.ko" | head -n 1)
  if [ -z "$found" ]; then
    echo "$package has no module $m.ko" >&2
    exit 1
  fi
  install -m 0644 "$found" "$cache/modules.tmp/$m.ko"
  echo "$m" >> "$cache/modules.tmp/order"
done
# world-readable: libvirt's QEMU user reads the copies the tests make of it
install -m 0644 "$kernel" "$target.tmp"
rm -rf "$cache/modules"
mv "$cache/modules.tmp" "$cache/modules"
mv "$target.tmp" "$target"
basename "$deb" > "$cache/package"
echo "test kernel fetched: $target and $(echo $modules | wc -w) network modules (from $(cat "$cache/package"))"
