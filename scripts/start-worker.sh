#!/usr/bin/env bash
# Starts a worker's node engine (runs containers and unikernels for its cluster) in the
# foreground, or in the background with --daemon. Every option also has an environment variable
# (the node engine reads the same CANOPY_* names itself); flags win.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-tier.sh"

usage() {
  cat <<USAGE
usage: scripts/start-worker.sh --cluster-url URL --join-token TOKEN [options]
Starts a node engine on this machine (foreground unless --daemon).

  --daemon                  run in the background: pid file + log, wait until healthy
  --no-wait                 with --daemon: return at once instead of waiting for health
  --cluster-url URL         cluster orchestrator, e.g. http://10.0.0.5:10100       (CANOPY_CLUSTER_URL)
  --join-token TOKEN        join token from the cluster's POST /api/node/tokens;
                            needed only until the worker is registered             (CANOPY_JOIN_TOKEN)
  --data-dir DIR            node identity and instance handles [var/worker]        (CANOPY_DATA_DIR)
  --name NAME               the node's name [host name]                            (CANOPY_NAME)
  --metrics-port PORT       /health and /metrics [10200]                           (CANOPY_METRICS_PORT)
  --mqtt-url URL            broker URL overriding the one the cluster hands out     (CANOPY_MQTT_URL)
  --report-interval DUR     resource report period, e.g. 2s [the cluster's]        (CANOPY_REPORT_INTERVAL)
  --docker-host URI         Docker engine [unix:///var/run/docker.sock]            (CANOPY_DOCKER_HOST)
  --underlay-address IP     address peer workers reach this one at [auto]          (CANOPY_UNDERLAY_ADDRESS)
  --stop-grace DUR          SIGTERM to SIGKILL grace for workloads [10s]           (CANOPY_STOP_GRACE)
  --pull-timeout DUR        image pull limit [5m]                                   (CANOPY_PULL_TIMEOUT)
  --libvirt-uri URI         libvirtd for unikernels [qemu:///system]               (CANOPY_LIBVIRT_URI)
  --unikernels auto|off     auto: run unikernels when libvirtd answers [auto]      (CANOPY_UNIKERNELS)
  --net-manager MODE        overlay network: auto, embedded, off or socket:PATH
                            [auto: embedded when root with ip and nft, else off]   (CANOPY_NET_MANAGER)
  --net-namespace NAME      the embedded net manager builds the overlay in this
                            network namespace [the engine's own]                   (CANOPY_NET_NAMESPACE)
  --config FILE             properties file with the same keys                     (CANOPY_CONFIG)
  --jar FILE                [node-engine/target/node-engine-*-all.jar]             (CANOPY_WORKER_JAR)
  --java-opts "OPTS"        JVM options                                           (CANOPY_WORKER_JAVA_OPTS)
                            [$default_java_opts]
                            (MALLOC_ARENA_MAX=2 is exported too unless it is set)
  --log FILE                daemon log                        [var/log/worker.log] (CANOPY_WORKER_LOG)
  --pid-file FILE           daemon pid file                   [var/run/worker.pid] (CANOPY_WORKER_PID_FILE)
  -h, --help                this text

Stop a daemon with scripts/stop.sh worker (or kill the pid in the pid file). Its containers keep
running and are taken over again when the node engine restarts with the same data dir.
USAGE
}

daemon=false
wait_seconds=120
jar=${CANOPY_WORKER_JAR:-}
# A node engine must fit small devices: serial GC, a small heap with a small young generation
# (without -Xmn a third of the heap is touched by allocation alone), small thread stacks, C1 only
# with one compiler thread, freed native memory given back. Measured in docs/performance.md.
default_java_opts="-XX:+UseSerialGC -Xmx48m -Xmn4m -Xss256k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:TrimNativeHeapInterval=5000"
java_opts=${CANOPY_WORKER_JAVA_OPTS:-$default_java_opts}
# glibc keeps up to 8 malloc arenas per core, each holding freed memory; two are plenty here.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
log=${CANOPY_WORKER_LOG:-$CANOPY_VAR_DIR/log/worker.log}
pid_file=${CANOPY_WORKER_PID_FILE:-$CANOPY_VAR_DIR/run/worker.pid}
data_dir=${CANOPY_DATA_DIR:-$CANOPY_VAR_DIR/worker}
metrics_port=${CANOPY_METRICS_PORT:-10200}
engine=()

while [ $# -gt 0 ]; do
  arg="$1"; shift
  value=""
  case "$arg" in
    --*=*) value="${arg#*=}"; arg="${arg%%=*}" ;;
  esac
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --daemon) daemon=true; continue ;;
    --no-wait) wait_seconds=0; continue ;;
    --cluster-url|--join-token|--data-dir|--name|--metrics-port|--mqtt-url|--report-interval) ;;
    --docker-host|--underlay-address|--stop-grace|--pull-timeout|--config) ;;
    --libvirt-uri|--unikernels|--net-manager|--net-namespace) ;;
    --jar|--java-opts|--log|--pid-file) ;;
    *) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
  if [ -z "$value" ]; then
    [ $# -gt 0 ] || { echo "$arg needs a value (see --help)" >&2; exit 2; }
    value="$1"; shift
  fi
  case "$arg" in
    --jar) jar="$value" ;;
    --java-opts) java_opts="$value" ;;
    --log) log="$value" ;;
    --pid-file) pid_file="$value" ;;
    --data-dir) data_dir="$value" ;;
    --metrics-port) metrics_port="$value" ;;
    # The node engine reads it from the environment; ps would show it on the command line.
    --join-token) export CANOPY_JOIN_TOKEN="$value" ;;
    *) engine+=("$arg" "$value") ;;
  esac
done

[[ "$metrics_port" =~ ^[0-9]+$ ]] || { echo "--metrics-port '$metrics_port' is not a number" >&2; exit 2; }
if [ -z "$jar" ]; then
  jar=$(canopy_first_jar "$CANOPY_REPO"/node-engine/target/node-engine-*-all.jar)
  jar=${jar:-$CANOPY_REPO/node-engine/target/node-engine-0.1.0-SNAPSHOT-all.jar}
fi
canopy_require_jar "$jar" node-engine
java=$(canopy_java)
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)
engine+=(--data-dir "$data_dir" --metrics-port "$metrics_port")

# shellcheck disable=SC2206  # JVM options are words by design
jvm=($java_opts)
canopy_launch worker "$daemon" "$pid_file" "$log" "http://127.0.0.1:$metrics_port/health" "$wait_seconds" \
  -- "$java" "${jvm[@]}" -jar "$jar" "${engine[@]}"
