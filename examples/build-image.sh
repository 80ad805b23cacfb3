#!/usr/bin/env bash
# Builds the examples' container image canopy/busybox:latest on this machine, without pulling
# anything: a root filesystem made of Debian's busybox-static (/bin/busybox and one symlink per
# applet: sh, httpd, wget, nc, ...) imported with `docker import`. Does nothing when it exists.
set -euo pipefail
image=${1:-canopy/busybox:latest}

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "image $image is present"
  exit 0
fi
busybox=$(command -v busybox || true)
[ -n "$busybox" ] || { echo "busybox is missing: apt-get install busybox-static" >&2; exit 1; }
# A dynamically linked busybox would miss its libraries inside the image.
if ldd "$busybox" >/dev/null 2>&1; then
  echo "$busybox is dynamically linked; install the static one: apt-get install busybox-static" >&2
  exit 1
fi

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/www" "$rootfs/etc"
echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
cp "$busybox" "$rootfs/bin/busybox"
chmod 755 "$rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
done
tar -C "$rootfs" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$image" >/dev/null
echo "image $image built from $busybox"
