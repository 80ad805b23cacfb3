#!/usr/bin/env bash
# Idle footprint of the node engine: RSS and CPU after IDLE_SECONDS (default 60) with no instances.
# Starts a private Mosquitto and a minimal fake cluster registration endpoint (python3), runs the
# fat jar once per mode, lets it settle WARMUP_SECONDS (default 10) after /health answers, then
# measures IDLE_SECONDS of idling and prints one line per mode: RSS, CPU, threads, heap used.
#
#   node-engine/bench/footprint.sh            # needs: java 21+, mosquitto, python3, dockerd running
#   IDLE_SECONDS=30 MODES=small node-engine/bench/footprint.sh
#   FLAGS_mine="-XX:+UseSerialGC -Xmx32m" MODES="scripts mine" node-engine/bench/footprint.sh
#   NMT=1 MODES=small node-engine/bench/footprint.sh    # also prints the JVM's native memory summary
#
# Modes: scripts  the JVM flags scripts/start-worker.sh gives by default (what a user gets)
#        small    the same with a 24 MB heap and a metaspace cap (no smaller in practice)
#        xint     as small, interpreter only
#        cds      the scripts flags plus an AppCDS archive created on the first run's exit
#                 (-XX:+AutoCreateSharedArchive); list it twice: the second run uses the archive
#        default  no flags at all
#        NAME     any other name: the flags in $FLAGS_NAME, with the environment in $ARENAS_NAME
#                 (default MALLOC_ARENA_MAX=2; ARENAS_NAME= for glibc's default)
# CANOPY_UNIKERNELS (auto|off, default off) is passed to the engine: with auto and libvirtd running
# the libvirt client library is loaded too (~20 MB more). Never fails on the figures.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/node-engine-0.1.0-SNAPSHOT-all.jar
IDLE=${IDLE_SECONDS:-60}
WARMUP=${WARMUP_SECONDS:-10}
MODES=${MODES:-"scripts small xint default"}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
export CANOPY_UNIKERNELS=${CANOPY_UNIKERNELS:-off}
# What scripts/start-worker.sh runs the engine with when no --java-opts is given.
SCRIPTS_FLAGS=$(sed -n 's/^default_java_opts="\(.*\)"$/\1/p' ../scripts/start-worker.sh)
[ -n "$SCRIPTS_FLAGS" ] || { echo "no default_java_opts=\"…\" line in scripts/start-worker.sh" >&2; exit 1; }
SMALL_FLAGS=${SMALL_FLAGS:-"-XX:+UseSerialGC -Xmx24m -Xmn4m -Xss256k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=5000"}
# the same, interpreter only: no JIT threads or code cache, slower start and slower bursts
XINT_FLAGS=${XINT_FLAGS:-"-XX:+UseSerialGC -Xmx24m -Xmn4m -Xss256k -Xint -XX:MaxMetaspaceSize=64m -XX:TrimNativeHeapInterval=5000"}

[ -f "$JAR" ] || { echo "build it first: mvn -B -pl node-engine package -DskipTests" >&2; exit 1; }
command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || { echo "needs mosquitto: apt-get install mosquitto" >&2; exit 1; }
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 1; }
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)

work=$(mktemp -d)
# the archive lives as long as this run: its first cds run writes it at exit, the next one maps it
CDS_FLAGS="-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$work/node-engine.jsa"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

MQTT_PORT=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$MQTT_PORT" > "$work/mosquitto.conf"
"$MOSQUITTO" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
pids+=($!)

HTTP_PORT=$(free_port)
cat > "$work/cluster.py" <<PY
import http.server, json, uuid
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get('Content-Length', 0))) or b'{}')
        node = body.get('nodeId') or 'bench-' + uuid.uuid4().hex[:8]
        out = json.dumps({'nodeId': node, 'mqttUrl': 'tcp://127.0.0.1:$MQTT_PORT', 'mqttUsername': node,
                          'mqttPassword': 'bench', 'reportIntervalMillis': 2000, 'subnet': None}).encode()
        self.send_response(201); self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(out))); self.end_headers(); self.wfile.write(out)
    def log_message(self, *a): pass
http.server.HTTPServer(('127.0.0.1', $HTTP_PORT), H).serve_forever()
PY
python3 "$work/cluster.py" &
pids+=($!)

TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
threads() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }
# RSS split: anonymous memory (heap, metaspace, stacks, malloc) / mapped files (libjvm, CDS archive)
rss_split() { awk '/^RssAnon:/ {a = $2} /^RssFile:/ {f = $2} END {printf "%.1f/%.1f", a / 1024, f / 1024}' "/proc/$1/status"; }

run() {
  local mode=$1 flags=$2 arenas=$3
  local metrics_port; metrics_port=$(free_port)
  local started; started=$(date +%s%N)
  [ -z "${NMT:-}" ] || flags="$flags -XX:NativeMemoryTracking=summary"
  # shellcheck disable=SC2086
  env $arenas "$JAVA" $flags -jar "$JAR" --cluster-url "http://127.0.0.1:$HTTP_PORT" --join-token bench \
    --data-dir "$work/data-$mode" --metrics-port "$metrics_port" > "$work/engine-$mode.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  local up=""
  for _ in $(seq 1 300); do
    if curl -fs "http://127.0.0.1:$metrics_port/health" >/dev/null 2>&1; then up=1; break; fi
    sleep 0.1
  done
  [ -n "$up" ] || { echo "engine ($mode) did not come up:"; cat "$work/engine-$mode.log"; exit 1; }
  local ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  sleep "$WARMUP"
  local t0; t0=$(cpu_ticks "$pid")
  sleep "$IDLE"
  local t1; t1=$(cpu_ticks "$pid")
  local rss; rss=$(rss_kb "$pid")
  local heap; heap=$(curl -fs "http://127.0.0.1:$metrics_port/metrics" | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 {h += $NF} END {printf "%.1f", h/1048576}')
  local reports; reports=$(curl -fs "http://127.0.0.1:$metrics_port/metrics" | awk '/^canopy_node_reports_total/ {print $2}')
  local cpu; cpu=$(awk -v d=$((t1 - t0)) -v hz="$TICKS" -v s="$IDLE" 'BEGIN {printf "%.2f", d * 100 / (hz * s)}')
  printf '%-8s rss=%6.1f MB (anon/file %s)  cpu=%5s %% of a core over %s s  threads=%s  heap_used=%s MB  ready_in=%s ms  reports=%s  load=%s\n' \
    "$mode" "$(awk -v k="$rss" 'BEGIN {print k/1024}')" "$(rss_split "$pid")" "$cpu" "$IDLE" "$(threads "$pid")" "$heap" "$ready_ms" "$reports" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
  [ -z "${NMT:-}" ] || "$(dirname "$JAVA")/jcmd" "$pid" VM.native_memory summary | grep -E '^(Total|-) |committed=' | grep -E '^(Total|-)'
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "java: $("$JAVA" -version 2>&1 | head -1); $(nproc) cores; CANOPY_UNIKERNELS=$CANOPY_UNIKERNELS"
for mode in $MODES; do
  case $mode in
    scripts) echo "scripts flags: MALLOC_ARENA_MAX=2 $SCRIPTS_FLAGS" ;;
    cds) echo "cds flags: MALLOC_ARENA_MAX=2 $SCRIPTS_FLAGS $CDS_FLAGS" ;;
    small) echo "small flags: MALLOC_ARENA_MAX=2 $SMALL_FLAGS" ;;
    xint) echo "xint flags:  MALLOC_ARENA_MAX=2 $XINT_FLAGS" ;;
    default) echo "default flags: none" ;;
    *) var="FLAGS_$mode" arenas="ARENAS_$mode"
       [ -n "${!var:-}" ] || { echo "unknown mode $mode: set $var" >&2; exit 2; }
       echo "$mode flags: ${!arenas-MALLOC_ARENA_MAX=2} ${!var}" ;;
  esac
done
for mode in $MODES; do
  case $mode in
    # glibc's per-thread malloc arenas hold freed native memory; two are plenty here
    # (scripts/start-worker.sh exports MALLOC_ARENA_MAX=2 too)
    scripts) run scripts "$SCRIPTS_FLAGS" MALLOC_ARENA_MAX=2 ;;
    cds) run cds "$SCRIPTS_FLAGS $CDS_FLAGS" MALLOC_ARENA_MAX=2 ;;
    small) run small "$SMALL_FLAGS" MALLOC_ARENA_MAX=2 ;;
    xint) run xint "$XINT_FLAGS" MALLOC_ARENA_MAX=2 ;;
    default) run default "" "" ;;
    *) var="FLAGS_$mode" arenas="ARENAS_$mode"; run "$mode" "${!var}" "${!arenas-MALLOC_ARENA_MAX=2}" ;;
  esac
done
