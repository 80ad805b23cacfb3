#!/usr/bin/env bash
# Overlay benchmark: throughput (iperf3) and RTT (ping) from a client instance to
#   1. an instance IP on the same worker (the direct path, the reference),
#   2. a service IP whose instance is on the same worker (bridge + nftables DNAT),
#   3. an instance IP on another worker (VXLAN),
#   4. a service IP whose instance is on another worker (DNAT + VXLAN),
# each printed as a ratio to the direct path. Two "workers" are network namespaces joined by a
# veth underlay, each run by its own standalone net manager; nothing leaves these namespaces.
#
# Usage (as root): net-manager/bench/overlay-bench.sh [seconds per run, 5] [runs per path, 3]
# Each figure is the median of the runs.
# Needs: iperf3, busybox (ping), jq, a JDK and Maven (to build the net manager).
set -euo pipefail

SECONDS_PER_RUN=${1:-5}
REPEAT=${2:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUN=$(printf '%04x' $((RANDOM % 65536)))
NS="cnb$RUN"
WORK=$(mktemp -d /tmp/canopy-bench-XXXX)
PIDS=()

[ "$(id -u)" = 0 ] || { echo "run as root: the benchmark builds network namespaces" >&2; exit 1; }
for tool in iperf3 busybox jq ip nft java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install iperf3 busybox-static jq iproute2 nftables)" >&2; exit 1; }
done

cleanup() {
  set +e
  for worker in wa wb; do
    [ -n "${CP:-}" ] && java -cp "$CP" io.canopy.net.server.NetManagerMain --netns "$NS-$worker" --cleanup >/dev/null 2>&1
  done
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for f in "$WORK"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
  for ns in wa wb c sa sb; do ip netns del "$NS-$ns" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building the net manager…" >&2
(cd "$ROOT" && mvn -B -q -pl net-manager package -DskipTests -Dspotless.check.skip=true \
  && mvn -B -q -pl net-manager dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime) >&2
CP="$ROOT/net-manager/target/classes:$(cat "$WORK/cp.txt")"

for ns in wa wb c sa sb; do ip netns add "$NS-$ns"; ip -n "$NS-$ns" link set lo up; done
ip -n "$NS-wa" link add ul0 type veth peer name ul0 netns "$NS-wb"
ip -n "$NS-wa" addr add 172.31.254.1/24 dev ul0; ip -n "$NS-wa" link set ul0 up
ip -n "$NS-wb" addr add 172.31.254.2/24 dev ul0; ip -n "$NS-wb" link set ul0 up

services='"10.30.0.1":[{"instanceId":"sa","instanceIp":"10.18.0.3","underlay":"172.31.254.1"}],
          "10.30.0.2":[{"instanceId":"sb","instanceIp":"10.18.0.66","underlay":"172.31.254.2"}]'
echo "{\"subnet\":\"10.18.0.0/26\",\"services\":{$services},
      \"peers\":{\"wb\":{\"underlay\":\"172.31.254.2\",\"subnet\":\"10.18.0.64/26\"}}}" > "$WORK/a.json"
echo "{\"subnet\":\"10.18.0.64/26\",\"services\":{$services},
      \"peers\":{\"wa\":{\"underlay\":\"172.31.254.1\",\"subnet\":\"10.18.0.0/26\"}}}" > "$WORK/b.json"

for worker in wa wb; do
  underlay=$([ "$worker" = wa ] && echo 172.31.254.1 || echo 172.31.254.2)
  table=$([ "$worker" = wa ] && echo a.json || echo b.json)
  java -cp "$CP" io.canopy.net.server.NetManagerMain --netns "$NS-$worker" --underlay "$underlay" \
    --socket "$WORK/$worker.sock" --table "$WORK/$table" >"$WORK/$worker.log" 2>&1 &
  PIDS+=($!)
done
for worker in wa wb; do
  for _ in $(seq 1 100); do [ -S "$WORK/$worker.sock" ] && break; sleep 0.1; done
  [ -S "$WORK/$worker.sock" ] || { echo "net manager $worker did not start:" >&2; cat "$WORK/$worker.log" >&2; exit 1; }
done

send() { # worker json
  reply=$(java -cp "$CP" io.canopy.net.server.NetManagerMain --socket "$WORK/$1.sock" --send "$2")
  echo "$reply" | jq -e .ok >/dev/null || { echo "net manager $1: $reply" >&2; exit 1; }
}
send wa "{\"op\":\"attach\",\"instanceId\":\"c\",\"netns\":\"$NS-c\",\"instanceIp\":\"10.18.0.2\"}"
send wa "{\"op\":\"attach\",\"instanceId\":\"sa\",\"netns\":\"$NS-sa\",\"instanceIp\":\"10.18.0.3\"}"
send wb "{\"op\":\"attach\",\"instanceId\":\"sb\",\"netns\":\"$NS-sb\",\"instanceIp\":\"10.18.0.66\"}"

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

measure() { # label target server: median of REPEAT runs
  local label=$1 target=$2 server=$3 bps=() rtt=() i json
  for i in $(seq 1 "$REPEAT"); do
    ip netns exec "$NS-$server" iperf3 -s -1 -D -p 5202 --pidfile "$WORK/iperf.pid" >/dev/null
    sleep 0.3
    json=$(ip netns exec "$NS-c" iperf3 -c "$target" -p 5202 -t "$SECONDS_PER_RUN" -J)
    bps+=("$(echo "$json" | jq '.end.sum_received.bits_per_second')")
    [ -f "$WORK/iperf.pid" ] && kill "$(cat "$WORK/iperf.pid")" 2>/dev/null || true
    rtt+=("$(ip netns exec "$NS-c" busybox ping -q -c 200 -i 0.005 "$target" \
             | sed -n 's#.*min/avg/max = [0-9.]*/\([0-9.]*\)/.*#\1#p')")
    sleep 0.3
  done
  echo "$label $(printf '%s\n' "${bps[@]}" | median) $(printf '%s\n' "${rtt[@]}" | median)"
}

{
  measure direct 10.18.0.3 sa
  measure service-same-worker 10.30.0.1 sa
  measure vxlan-direct 10.18.0.66 sb
  measure service-over-vxlan 10.30.0.2 sb
} > "$WORK/results"

awk 'NR==1 { base_bps=$2; base_rtt=$3 }
     { printf "%-20s %8.2f Gbit/s (%5.1f %% of direct)   RTT %7.1f µs (%+6.1f µs vs direct)\n",
              $1, $2/1e9, 100*$2/base_bps, $3*1000, ($3-base_rtt)*1000 }' "$WORK/results"
