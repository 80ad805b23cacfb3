#!/bin/sh
# Fetches, once, the Linux kernel the unikernel runtime's tests boot: vmlinuz from Debian's
# linux-image-cloud-amd64 (small, serial console and virtio built in), into
#   ${CANOPY_CACHE:-/var/cache/canopy}/test-kernel/vmlinuz
# Idempotent: does nothing when the kernel is already there. Tests never download; they fail
# with a message naming this script when the kernel is missing.
set -eu

cache="${CANOPY_CACHE:-/var/cache/canopy}/test-kernel"
target="$cache/vmlinuz"
if [ -s "$target" ]; then
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
(cd "$work" && apt-get download "$package" >/dev/null)
deb=$(ls "$work"/*.deb)
dpkg-deb -x "$deb" "$work/root"
kernel=$(ls "$work"/root/boot/vmlinuz-* | head -n 1)
# world-readable: libvirt's QEMU user reads the copies the tests make of it
install -m 0644 "$kernel" "$target.tmp"
mv "$target.tmp" "$target"
basename "$deb" > "$cache/package"
echo "test kernel fetched: $target (from $(cat "$cache/package"))"
