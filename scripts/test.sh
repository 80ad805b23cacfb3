#!/usr/bin/env bash
# Runs every Canopy test against real parts. On a fresh Debian machine, as root, it installs and
# starts what the tests need (Mosquitto, Redis, the Docker engine, libvirt + QEMU, nftables,
# busybox, Node.js, Chromium, Prometheus, docker-compose), then runs `mvn -B verify`. Safe to run again and again.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl sla-schema
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

JAVA_HOME=$(canopy_find_jdk) || { echo "No JDK >= 21 found (set JAVA_HOME or install one under /usr/lib/jvm)." >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
echo "Using JDK at $JAVA_HOME"

canopy_ensure_packages maven mosquitto redis-server docker.io libvirt-daemon-system libvirt-clients \
  qemu-system-x86 nftables iproute2 busybox-static nodejs chromium binutils iperf3 curl \
  prometheus docker-compose
# Node.js distributions differ in whether npm is a package of its own; only its absence matters.
command -v npm >/dev/null || canopy_ensure_packages npm
command -v mvn >/dev/null || { echo "Maven is missing: apt-get install maven" >&2; exit 1; }
canopy_ensure_dockerd
canopy_ensure_libvirtd
# The Linux kernel the unikernel tests boot, fetched once from Debian into a cache.
bash scripts/fetch-test-kernel.sh

exec mvn -B -ntp verify "$@"
