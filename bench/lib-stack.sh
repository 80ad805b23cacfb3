#!/usr/bin/env bash
# Shared by the benchmarks in bench/: a throw-away Canopy stack on 127.0.0.1 — a private Mosquitto,
# the root, one cluster and N node engines, each started with the scripts a user runs
# (scripts/start-*.sh --daemon) in a temporary CANOPY_VAR_DIR, on free ports, wired together with
# the same calls scripts/quickstart.sh makes (cluster token from the root, join token from the
# cluster). Everything it started is stopped, and every container of its workers removed, on any
# exit (bench_cleanup runs from an EXIT trap). Sourced, never run.
#
# Why a private Mosquitto instead of the cluster's embedded broker: the embedded broker listens on
# every interface, and a benchmark should listen on 127.0.0.1 only (see docs/performance.md).

BENCH_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$BENCH_REPO/scripts/lib.sh"

BENCH_IMAGE=canopy-test/busybox:latest
BENCH_DIR=""
BENCH_ROOT_URL=""
BENCH_CLUSTER_URL=""
BENCH_CLUSTER_NAME=""
BENCH_CLUSTER_ID=""
BENCH_PASSWORD=""
BENCH_TOKEN=""
BENCH_JOIN_TOKEN=""
BENCH_CLUSTER_STARTED=0 # when the cluster answered its health check (epoch seconds)
BENCH_WORKERS=()
declare -A BENCH_WORKER_PORT=()
BENCH_CLEANUP_HOOKS=()
BENCH_WATCHDOG=""
BENCH_MOSQUITTO=""
BENCH_CHILD=""

bench_log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
bench_fail() { echo "bench: $*" >&2; exit 1; }

# Prints a TCP port free on 127.0.0.1 right now.
bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# bench_init SECONDS: checks what the benchmarks need, makes the temporary folder, installs the
# cleanup trap and a watchdog that ends the run (and so cleans up) after SECONDS.
bench_init() {
  local limit="$1" missing=()
  for tool in curl jq python3 docker busybox; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
  [ ${#missing[@]} -eq 0 ] || bench_fail "missing: ${missing[*]} (apt-get install curl jq python3 docker.io busybox-static mosquitto)"
  docker info >/dev/null 2>&1 || bench_fail "the Docker engine does not answer: start it (dockerd &, as root)"
  JAVA_HOME=$(canopy_find_jdk) || bench_fail "no JDK >= 21 found: set JAVA_HOME"
  export JAVA_HOME
  for jar in root-orchestrator/target/root-orchestrator-0.1.0-SNAPSHOT.jar \
    cluster-orchestrator/target/cluster-orchestrator-0.1.0-SNAPSHOT.jar \
    node-engine/target/node-engine-0.1.0-SNAPSHOT-all.jar; do
    [ -f "$BENCH_REPO/$jar" ] || bench_fail "$jar is missing: mvn -B -q package -DskipTests -pl root-orchestrator,cluster-orchestrator,node-engine -am"
  done
  BENCH_DIR=$(mktemp -d /tmp/canopy-bench.XXXXXX)
  export CANOPY_VAR_DIR="$BENCH_DIR"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  # The watchdog sends TERM to this script, whose trap cleans up.
  # Its sleep does not hold this script's output open (a pipe reader would wait for it).
  (sleep "$limit" </dev/null >/dev/null 2>&1 && echo "bench: time limit of ${limit}s reached, stopping" >&2 \
    && kill -TERM $$) &
  BENCH_WATCHDOG=$!
}

# bench_run COMMAND...: runs a long step in the background and waits for it, so that the time
# limit and Ctrl-C interrupt it (bash runs a trap only after a foreground command ends, but
# interrupts `wait`); the cleanup stops it.
bench_run() {
  "$@" &
  BENCH_CHILD=$!
  local status=0
  wait "$BENCH_CHILD" || status=$?
  BENCH_CHILD=""
  return "$status"
}

# The test image, built locally from busybox-static the way the tests build it (nothing is pulled).
bench_image() {
  "$BENCH_REPO/examples/build-image.sh" "$BENCH_IMAGE" >&2
}

# http METHOD URL [BEARER] [BODY]: prints the body; fails unless the status is 2xx.
bench_http() {
  local method="$1" url="$2" bearer="${3:-}" data="${4:-}"
  local args=(-fsS -X "$method" --max-time 30 -H 'Accept: application/json')
  [ -n "$bearer" ] && args+=(-H "Authorization: Bearer $bearer")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  curl "${args[@]}" "$url"
}

# bench_start_stack WORKER_NAME...: starts Mosquitto, root, cluster and the named workers.
bench_start_stack() {
  local mqtt_port root_port cluster_port admin_token cluster_token name
  mqtt_port=$(bench_free_port)
  printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$mqtt_port" >"$BENCH_DIR/mosquitto.conf"
  "$(command -v mosquitto || echo /usr/sbin/mosquitto)" -c "$BENCH_DIR/mosquitto.conf" >"$BENCH_DIR/mosquitto.log" 2>&1 &
  BENCH_MOSQUITTO=$!

  root_port=$(bench_free_port)
  BENCH_ROOT_URL=http://127.0.0.1:$root_port
  BENCH_PASSWORD="bench-$RANDOM$RANDOM$RANDOM"
  bench_log "starting the root on $BENCH_ROOT_URL"
  "$BENCH_REPO/scripts/start-root.sh" --daemon --port "$root_port" --data-dir "$BENCH_DIR/root" \
    --admin-password "$BENCH_PASSWORD" -- --server.address=127.0.0.1 >>"$BENCH_DIR/setup.log" 2>&1 \
    || bench_fail "the root did not start: $(tail -n 20 "$BENCH_DIR/setup.log")"
  BENCH_TOKEN=$(bench_http POST "$BENCH_ROOT_URL/api/auth/login" "" \
    "$(jq -cn --arg p "$BENCH_PASSWORD" '{username: "Admin", password: $p}')" | jq -r .token)
  cluster_token=$(bench_http POST "$BENCH_ROOT_URL/api/clusters/tokens" "$BENCH_TOKEN" '{}' | jq -r .token)

  cluster_port=$(bench_free_port)
  BENCH_CLUSTER_URL=http://127.0.0.1:$cluster_port
  BENCH_CLUSTER_NAME="bench-$$"
  admin_token="bench-admin-$RANDOM$RANDOM$RANDOM"
  bench_log "starting cluster $BENCH_CLUSTER_NAME on $BENCH_CLUSTER_URL (Mosquitto on 127.0.0.1:$mqtt_port)"
  "$BENCH_REPO/scripts/start-cluster.sh" --daemon --port "$cluster_port" --data-dir "$BENCH_DIR/cluster" \
    --root-url "$BENCH_ROOT_URL" --cluster-token "$cluster_token" --name "$BENCH_CLUSTER_NAME" \
    --broker-url "tcp://127.0.0.1:$mqtt_port" --public-address 127.0.0.1 --admin-token "$admin_token" \
    -- --server.address=127.0.0.1 ${BENCH_CLUSTER_ARGS:-} >>"$BENCH_DIR/setup.log" 2>&1 \
    || bench_fail "the cluster did not start: $(tail -n 20 "$BENCH_DIR/setup.log")"
  BENCH_CLUSTER_STARTED=$(date +%s)
  canopy_wait_for bench_cluster_known 90 || bench_fail "the root does not list cluster $BENCH_CLUSTER_NAME as active"
  BENCH_JOIN_TOKEN=$(bench_http POST "$BENCH_CLUSTER_URL/api/node/tokens" "$admin_token" '{}' | jq -r .token)

  for name in "$@"; do bench_start_worker "$name"; done
  canopy_wait_for "bench_workers_active $#" 60 || bench_fail "the root does not see $# active worker(s)"
}

bench_cluster_known() {
  BENCH_CLUSTER_ID=$(bench_http GET "$BENCH_ROOT_URL/api/clusters/" "$BENCH_TOKEN" | jq -r --arg n "$BENCH_CLUSTER_NAME" \
    'first(.[] | select((.cluster_name // .name) == $n and (.active // true)) | (._id."$oid"? // ._id // .id)) // empty')
  [ -n "$BENCH_CLUSTER_ID" ] && bench_http GET "$BENCH_ROOT_URL/api/clusters/active" "$BENCH_TOKEN" \
    | jq -e --arg n "$BENCH_CLUSTER_NAME" 'any(.[]; (.cluster_name // .name) == $n)' >/dev/null
}

# True when the root lists at least N active workers in the cluster.
bench_workers_active() {
  bench_http GET "$BENCH_ROOT_URL/api/clusters/$BENCH_CLUSTER_ID/workers" "$BENCH_TOKEN" \
    | jq -e --argjson n "$1" '[.[] | select(.active != false)] | length >= $n' >/dev/null
}

# bench_start_worker NAME: a node engine without the overlay (no root networking needed) and
# without unikernels, with the flags of scripts/start-worker.sh unless BENCH_WORKER_JAVA_OPTS.
# Started again with the same NAME it keeps its data dir, so its node id.
bench_start_worker() {
  local name="$1" port
  port=${BENCH_WORKER_PORT[$name]:-$(bench_free_port)}
  BENCH_WORKER_PORT[$name]=$port
  [[ " ${BENCH_WORKERS[*]} " == *" $name "* ]] || BENCH_WORKERS+=("$name")
  local args=(--daemon --cluster-url "$BENCH_CLUSTER_URL" --join-token "$BENCH_JOIN_TOKEN"
    --data-dir "$BENCH_DIR/worker-$name" --name "$name" --metrics-port "$port"
    --net-manager off --unikernels off
    --log "$BENCH_DIR/log/worker-$name.log" --pid-file "$BENCH_DIR/run/worker-$name.pid")
  [ -n "${BENCH_WORKER_JAVA_OPTS:-}" ] && args+=(--java-opts "$BENCH_WORKER_JAVA_OPTS")
  bench_log "starting worker $name (/health on 127.0.0.1:$port)"
  "$BENCH_REPO/scripts/start-worker.sh" "${args[@]}" >>"$BENCH_DIR/setup.log" 2>&1 \
    || bench_fail "worker $name did not start: $(tail -n 20 "$BENCH_DIR/setup.log")"
}

bench_worker_pid() { cat "$BENCH_DIR/run/worker-$1.pid"; }
bench_worker_node_id() { jq -r '.nodeId // .node_id' "$BENCH_DIR/worker-$1/node.json"; }

# Container ids of a worker's instances (by its node id label).
bench_worker_containers() {
  local node
  node=$(bench_worker_node_id "$1" 2>/dev/null) || return 0
  [ -n "$node" ] && [ "$node" != null ] || return 0
  docker ps -aq --filter "label=io.canopy.managed=true" --filter "label=io.canopy.node-id=$node"
}

# Registers a one-service application running COMMAND_JSON; prints the service id.
bench_register_service() {
  local app="$1" cmd="$2" sla app_id
  sla=$(jq -cn --arg app "$app" --arg image "$BENCH_IMAGE" --argjson cmd "$cmd" '{
    sla_version: "v2.0", customerID: "Admin",
    applications: [{applicationID: "", application_name: $app, application_namespace: "bench",
      application_desc: "benchmark", microservices: [{microserviceID: "", microservice_name: "svc",
        microservice_namespace: "bench", virtualization: "container", cmd: $cmd, memory: 32,
        vcpus: 0.1, vgpus: 0, vtpus: 0, bandwidth_in: 0, bandwidth_out: 0, storage: 0,
        code: $image, state: "", port: "", one_shot: false, added_files: []}]}]}')
  app_id=$(bench_http POST "$BENCH_ROOT_URL/api/application/" "$BENCH_TOKEN" "$sla" \
    | jq -r --arg app "$app" 'first((if type == "array" then . else .applications end)[]
        | select(.application_name == $app) | (._id."$oid"? // ._id // .applicationID))')
  bench_http GET "$BENCH_ROOT_URL/api/services/$app_id" "$BENCH_TOKEN" | jq -r 'first(.[] | (._id."$oid"? // ._id))'
}

# The load average now, for the figures.
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }

bench_cleanup() {
  local status=$? name ids pid_file
  trap - EXIT INT TERM
  if [ -n "$BENCH_WATCHDOG" ]; then
    local sleeper
    sleeper=$(pgrep -P "$BENCH_WATCHDOG" || true)
    kill "$BENCH_WATCHDOG" $sleeper 2>/dev/null || true
  fi
  [ -n "$BENCH_DIR" ] || exit "$status"
  [ -z "$BENCH_CHILD" ] || kill "$BENCH_CHILD" 2>/dev/null || true
  for hook in "${BENCH_CLEANUP_HOOKS[@]}"; do eval "$hook" || true; done
  . "$BENCH_REPO/scripts/lib-tier.sh"
  for name in "${BENCH_WORKERS[@]}"; do
    canopy_stop_pid "worker $name" "$BENCH_DIR/run/worker-$name.pid" >/dev/null 2>&1 || true
  done
  for name in "${BENCH_WORKERS[@]}"; do
    ids=$(bench_worker_containers "$name" 2>/dev/null || true)
    # shellcheck disable=SC2086  # one id per word
    [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
  done
  canopy_stop_pid cluster "$BENCH_DIR/run/cluster.pid" >/dev/null 2>&1 || true
  canopy_stop_pid root "$BENCH_DIR/run/root.pid" >/dev/null 2>&1 || true
  [ -n "$BENCH_MOSQUITTO" ] && kill "$BENCH_MOSQUITTO" 2>/dev/null && wait "$BENCH_MOSQUITTO" 2>/dev/null
  if [ "$status" -ne 0 ] || [ -n "${BENCH_KEEP:-}" ]; then
    echo "bench: logs kept in $BENCH_DIR/log (remove the folder when done)" >&2
    rm -rf "$BENCH_DIR/root" "$BENCH_DIR/cluster"
  else
    rm -rf "$BENCH_DIR"
  fi
  exit "$status"
}
