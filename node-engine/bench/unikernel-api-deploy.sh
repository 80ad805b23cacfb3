#!/bin/sh
# Measures how long unikernel deploys take through the real API: root, cluster and a node engine
# run as processes (the e2e harness), and for each test guest a user's
#   POST /api/service/{id}/instance  →  GET /api/service/{id} shows the instance RUNNING
#                                    →  its first output is in GET …/instance/{n}/logs
#   multiboot  the tiny kernel built from assembly (without its power-off: it prints and waits)
#   linux      Debian's cloud kernel with a busybox initramfs (first output: its ready marker)
# Each guest is deployed and undeployed RUNS times (default 3) on one stack; the first deploy
# downloads the archive from a loopback HTTP server, later ones revalidate it (HTTP 304).
# Needs: libvirtd running (virtlogd -d; libvirtd -d), qemu-system-x86, binutils, busybox-static,
# mosquitto, root, and the tiers built (mvn -B -q -pl root-orchestrator,cluster-orchestrator,node-engine
# install -DskipTests).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export RUNS="${RUNS:-3}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

"$root/scripts/fetch-test-kernel.sh" >/dev/null
out="$root/e2e/target/unikernel-api-deploy.txt"
rm -f "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [ -e /dev/kvm ] && grep -qE '\b(vmx|svm)\b' /proc/cpuinfo; then accel=kvm; else accel="qemu (TCG)"; fi

(cd "$root" && mvn -B -q -pl e2e verify -Dspotless.check.skip=true -Dit.test=UnikernelDeployBench \
  >"$log" 2>&1) || {
  echo "the benchmark failed:" >&2
  grep -E 'ERROR|FAIL|Exception|no .* within' "$log" | head -n 20 >&2
  exit 1
}

echo "unikernel deploy times through the API, domain type $accel, $(nproc) cores, $RUNS run(s) each:"
sort -k2,2 -k3,3 "$out"
awk '
  { split($3, k, "="); split($4, a, "="); split($6, b, "="); g = $2
    if (k[2] == 1) { fr[g] = a[2]; fo[g] = b[2]; next }
    r[g] += a[2]; o[g] += b[2]; n[g]++
    if (!(g in rmin) || a[2] < rmin[g]) rmin[g] = a[2]; if (a[2] > rmax[g]) rmax[g] = a[2]
    if (!(g in omin) || b[2] < omin[g]) omin[g] = b[2]; if (b[2] > omax[g]) omax[g] = b[2] }
  END {
    for (g in fr) printf "first %-9s deploy->RUNNING %5d ms            deploy->output %6d ms  (cold: download, first use of each tier)\n", g, fr[g], fo[g]
    for (g in n) printf "mean  %-9s deploy->RUNNING %5d ms (%d-%d)  deploy->output %6d ms (%d-%d)  (runs 2-%d)\n",
        g, r[g] / n[g], rmin[g], rmax[g], o[g] / n[g], omin[g], omax[g], n[g] + 1 }
' "$out"
