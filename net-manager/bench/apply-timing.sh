#!/usr/bin/env bash
# Table apply latency of the net manager: the first table of a worker, then N tables that each add
# or remove one instance of a service (peers unchanged), in a network namespace made for it.
#
# Usage (as root): net-manager/bench/apply-timing.sh [tables, 21]
# Needs: ip, nft, a JDK and Maven (to build the net manager).
set -euo pipefail

ROUNDS=${1:-21}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NS="cnt$(printf '%04x' $((RANDOM % 65536)))"
WORK=$(mktemp -d /tmp/canopy-apply-XXXX)

[ "$(id -u)" = 0 ] || { echo "run as root: the benchmark builds a network namespace" >&2; exit 1; }
cleanup() {
  set +e
  ip netns del "$NS" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$ROOT" && mvn -B -q -pl net-manager package -DskipTests -Dspotless.check.skip=true \
  && mvn -B -q -pl net-manager dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime) >&2
CP="$ROOT/net-manager/target/classes:$(cat "$WORK/cp.txt")"

ip netns add "$NS"
ip -n "$NS" link set lo up
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  "$ROOT/net-manager/bench/ApplyTiming.java" "$NS" "$ROUNDS"
