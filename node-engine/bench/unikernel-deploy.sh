#!/bin/sh
# Measures how long unikernel deploys take on this machine, through the real LibvirtRuntime and
# libvirtd: start → RUNNING (the domain runs) and start → the guest's first useful output, for
# both test guests:
#   multiboot  a tiny kernel built from assembly that prints a line and powers off (start → poweroff)
#   linux      Debian's cloud kernel with a busybox initramfs serving HTTP (start → marker line)
# It runs the two deploy tests RUNS times (default 3) and prints their timings.
# Needs: libvirtd running (virtlogd -d; libvirtd -d), qemu-system-x86, binutils, busybox-static, root.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs="${RUNS:-3}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

"$root/scripts/fetch-test-kernel.sh" >/dev/null
out="$root/node-engine/target/unikernel-deploy.txt"
rm -f "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [ -e /dev/kvm ] && grep -qE '\b(vmx|svm)\b' /proc/cpuinfo; then accel=kvm; else accel="qemu (TCG)"; fi

i=1
while [ "$i" -le "$runs" ]; do
  (cd "$root" && mvn -B -q -pl node-engine test -Dspotless.check.skip=true \
    -Dtest='LibvirtRuntimeTest#aOneShotMultibootKernelPrintsAndPowersOffWithExitZero+aLinuxGuestRunsItsInitramfsAndUndeployLeavesOnlyTheCache' \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1) || {
    echo "run $i failed:" >&2
    grep -E 'ERROR|FAIL|Exception' "$log" | head -n 20 >&2
    exit 1
  }
  i=$((i + 1))
done

echo "unikernel deploy times, domain type $accel, $(nproc) cores, $runs run(s):"
sort "$out"
awk '
  { split($3, a, "="); split($5, b, "="); r[$2] += a[2]; m[$2] += b[2]; n[$2]++; what[$2] = b[1] }
  END { for (g in n) printf "mean %-9s start->running %5d ms   %s %6d ms\n", g, r[g] / n[g], what[g], m[g] / n[g] }
' "$out"
