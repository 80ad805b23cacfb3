#!/usr/bin/env bash
# The quickstart: builds what is not built, starts the root, a cluster (embedded MQTT broker,
# in-process store) and a worker on this machine in the background, creates the cluster and join
# tokens, deploys examples/hello-web.json when Docker is there, and prints where everything is.
# Running it again is harmless: what runs is left running, what is deployed is not deployed twice.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
. scripts/lib-tier.sh

ROOT=http://127.0.0.1:10000
CLUSTER=http://127.0.0.1:10100
WORKER=http://127.0.0.1:10200
CLUSTER_NAME=${CANOPY_QUICKSTART_CLUSTER:-quickstart}
EXAMPLE=examples/hello-web.json
EXAMPLE_IMAGE=canopy/busybox:latest
EXAMPLE_URL=http://127.0.0.1:8080/
LOGS=$CANOPY_VAR_DIR/log

case "${1:-}" in
  -h|--help)
    cat <<USAGE
usage: scripts/quickstart.sh
Starts Canopy's root (:10000), a cluster (:10100, MQTT :10003) and a worker (:10200) on this
machine as daemons, with their data under $CANOPY_VAR_DIR (CANOPY_VAR_DIR) and logs under
$LOGS, then deploys $EXAMPLE when Docker is available. Stop everything with scripts/stop.sh.
USAGE
    exit 0 ;;
  "") ;;
  *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
esac

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "quickstart: $*" >&2; exit 1; }
# fail_with_logs MESSAGE TIER...: fails showing the last warnings and errors of the tiers' logs.
fail_with_logs() {
  local message="$1" tier
  shift
  for tier in "$@"; do
    echo "--- last warnings in $LOGS/$tier.log:" >&2
    grep -E ' (WARN|ERROR) |Exception' "$LOGS/$tier.log" 2>/dev/null | tail -n 5 >&2 || true
  done
  fail "$message"
}

JAVA_HOME=$(canopy_find_jdk) || fail "no JDK >= 21 found: set JAVA_HOME or apt-get install openjdk-21-jdk-headless"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
if ! command -v curl >/dev/null || ! command -v jq >/dev/null; then
  canopy_ensure_packages curl jq
fi
mkdir -p "$LOGS"

# http METHOD URL [BEARER] [BODY|@FILE]: sets $status and $body; never fails by itself.
http() {
  local method="$1" url="$2" bearer="${3:-}" data="${4:-}" out
  local args=(-sS -X "$method" --max-time 30 -H 'Accept: application/json' -w '\n%{http_code}')
  [ -n "$bearer" ] && args+=(-H "Authorization: Bearer $bearer")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  out=$(curl "${args[@]}" "$url" 2>&1) || true
  status=${out##*$'\n'}
  body=${out%$'\n'*}
}
# expect CODE...: fails with the call's answer unless $status is one of the codes.
expect() {
  local code
  for code in "$@"; do [ "$status" = "$code" ] && return 0; done
  fail "unexpected answer $status: $body"
}

step "Building the tiers (when a jar is missing)"
jars=(root-orchestrator/target/root-orchestrator-0.1.0-SNAPSHOT.jar
  cluster-orchestrator/target/cluster-orchestrator-0.1.0-SNAPSHOT.jar
  node-engine/target/node-engine-0.1.0-SNAPSHOT-all.jar)
missing=false
for jar in "${jars[@]}"; do [ -f "$jar" ] || missing=true; done
if [ "$missing" = true ]; then
  command -v mvn >/dev/null || canopy_ensure_packages maven
  echo "mvn package -DskipTests with the JDK at $JAVA_HOME (log: $LOGS/build.log)"
  mvn -B -q package -DskipTests -Dspotless.check.skip=true \
    -pl root-orchestrator,cluster-orchestrator,node-engine -am >"$LOGS/build.log" 2>&1 \
    || { tail -n 40 "$LOGS/build.log" >&2; fail "the build failed; see $LOGS/build.log"; }
fi
echo "jars: ${jars[*]}"

step "Docker engine (for the example container)"
docker_ok=false
if command -v docker >/dev/null; then
  if docker info >/dev/null 2>&1; then
    docker_ok=true
  elif [ "$(id -u)" -eq 0 ] && command -v dockerd >/dev/null; then
    (canopy_ensure_dockerd) && docker_ok=true
  fi
fi
if [ "$docker_ok" = true ]; then
  command -v busybox >/dev/null || canopy_ensure_packages busybox-static
  examples/build-image.sh "$EXAMPLE_IMAGE"
else
  echo "No Docker engine answers: the worker starts without a container runtime and no example is deployed."
  echo "Install and start it (apt-get install docker.io; dockerd &), then run this script again."
fi

step "Root orchestrator ($ROOT)"
scripts/start-root.sh --daemon --public-metrics
password_file=$CANOPY_VAR_DIR/root/admin-password
if [ -n "${CANOPY_ADMIN_PASSWORD:-}" ]; then
  password=$CANOPY_ADMIN_PASSWORD
  password_hint="the one in CANOPY_ADMIN_PASSWORD"
else
  [ -s "$password_file" ] || fail "no $password_file: the root was first started with CANOPY_ADMIN_PASSWORD; export it and run again"
  password=$(head -n 1 "$password_file")
  password_hint="in $password_file"
fi
http POST "$ROOT/api/auth/login" "" "$(jq -cn --arg p "$password" '{username: "Admin", password: $p}')"
expect 200
token=$(jq -r .token <<<"$body")

step "Cluster orchestrator ($CLUSTER, embedded MQTT broker on :10003)"
if canopy_pid_alive "$CANOPY_VAR_DIR/run/cluster.pid"; then
  echo "cluster is already running (pid $(cat "$CANOPY_VAR_DIR/run/cluster.pid"))"
else
  # A registered cluster keeps its identity in its data dir and ignores the token.
  http POST "$ROOT/api/clusters/tokens" "$token" '{}'
  expect 200 201
  cluster_token=$(jq -r '.token // .cluster_token // .registration_token // empty' <<<"$body")
  [ -n "$cluster_token" ] || fail "no token in the root's answer: $body"
  scripts/start-cluster.sh --daemon --root-url "$ROOT" --cluster-token "$cluster_token" --name "$CLUSTER_NAME"
fi
echo "waiting for the root to see cluster $CLUSTER_NAME active"
cluster_active() {
  http GET "$ROOT/api/clusters/active" "$token"
  [ "$status" = 200 ] && jq -e --arg n "$CLUSTER_NAME" \
    'any(.[]?; (.cluster_name // .name) == $n)' <<<"$body" >/dev/null
}
canopy_wait_for cluster_active 90 \
  || fail_with_logs "the root does not list cluster $CLUSTER_NAME as active after 90 s" cluster root

step "Worker ($WORKER)"
admin_token_file=$CANOPY_VAR_DIR/cluster/admin-token
if canopy_pid_alive "$CANOPY_VAR_DIR/run/worker.pid"; then
  echo "worker is already running (pid $(cat "$CANOPY_VAR_DIR/run/worker.pid"))"
else
  worker_args=(--daemon --cluster-url "$CLUSTER")
  if [ ! -s "$CANOPY_VAR_DIR/worker/node.json" ]; then
    cluster_admin=${CANOPY_CLUSTER_ADMIN_TOKEN:-$(head -n 1 "$admin_token_file" 2>/dev/null || true)}
    [ -n "$cluster_admin" ] || fail "no cluster admin token in $admin_token_file"
    http POST "$CLUSTER/api/node/tokens" "$cluster_admin" '{}'
    expect 200 201
    join_token=$(jq -r .token <<<"$body")
    worker_args+=(--join-token "$join_token")
  fi
  scripts/start-worker.sh "${worker_args[@]}"
fi
http GET "$ROOT/api/clusters/" "$token"
expect 200
cluster_id=$(jq -r --arg n "$CLUSTER_NAME" \
  'first(.[]? | select((.cluster_name // .name) == $n) | (._id."$oid"? // ._id // .id // .cluster_id)) // empty' <<<"$body")
[ -n "$cluster_id" ] || fail "the root does not list cluster $CLUSTER_NAME: $body"
echo "waiting for the root to see the worker in cluster $CLUSTER_NAME ($cluster_id)"
worker_known() {
  http GET "$ROOT/api/clusters/$cluster_id/workers" "$token"
  [ "$status" = 200 ] && jq -e 'length > 0' <<<"$body" >/dev/null
}
canopy_wait_for worker_known 60 \
  || fail_with_logs "the root sees no worker in cluster $CLUSTER_NAME after 60 s" worker cluster

example_line="not deployed (no Docker engine)"
if [ "$docker_ok" = true ]; then
  step "Example application ($EXAMPLE)"
  app_name=$(jq -r '.applications[0].application_name' "$EXAMPLE")
  app_ns=$(jq -r '.applications[0].application_namespace' "$EXAMPLE")
  find_app='first(.[]? | select(.application_name == $n and .application_namespace == $ns)) // empty'
  http GET "$ROOT/api/applications/" "$token"
  expect 200
  app=$(jq -c --arg n "$app_name" --arg ns "$app_ns" "$find_app" <<<"$body")
  if [ -z "$app" ]; then
    http POST "$ROOT/api/application/" "$token" "@$EXAMPLE"
    expect 200 201
    app=$(jq -c --arg n "$app_name" --arg ns "$app_ns" "$find_app" <<<"$body")
    [ -n "$app" ] || fail "the root's answer does not list $app_name: $body"
    echo "application $app_name.$app_ns created"
  else
    echo "application $app_name.$app_ns exists already"
  fi
  app_id=$(jq -r '.applicationID // ._id."$oid"' <<<"$app")
  http GET "$ROOT/api/services/$app_id" "$token"
  expect 200
  service_id=$(jq -r 'first(.[]? | (._id."$oid"? // .microserviceID)) // empty' <<<"$body")
  [ -n "$service_id" ] || fail "application $app_id has no service: $body"
  full_name=$(jq -r 'first(.[]? | .job_name // "\(.app_name).\(.app_ns).\(.microservice_name).\(.microservice_namespace)")' <<<"$body")
  http GET "$ROOT/api/service/$service_id" "$token"
  expect 200
  if jq -e '(.instance_list // []) | length == 0' <<<"$body" >/dev/null; then
    http POST "$ROOT/api/service/$service_id/instance" "$token" '{}'
    expect 200 201 202
    echo "instance requested for service $service_id"
  else
    echo "service $service_id has an instance already"
  fi
  echo "waiting for the instance to be RUNNING (the worker starts a container from $EXAMPLE_IMAGE)"
  state=""
  instance_running() {
    http GET "$ROOT/api/service/$service_id" "$token"
    state=$(jq -r '[.instance_list[]? | (.state // .status)] | join(",")' <<<"$body" 2>/dev/null || true)
    [[ ",$state," == *",RUNNING,"* ]]
  }
  if canopy_wait_for instance_running 180; then
    # After a restart the root may still show the last RUNNING while the cluster starts the
    # container again: the page answering is what counts.
    canopy_wait_for "curl -fsS --max-time 2 -o /dev/null $EXAMPLE_URL" 60 || true
    page=$(curl -fsS --max-time 5 "$EXAMPLE_URL" 2>/dev/null | head -n 1 || true)
    example_line="$full_name is RUNNING at $EXAMPLE_URL (curl $EXAMPLE_URL → ${page:-no answer yet})"
  else
    example_line="$full_name is ${state:-not scheduled yet} (not RUNNING after 180 s; see $LOGS/worker.log)"
  fi
fi

worker_name=$(curl -fsS --max-time 5 "$WORKER/health" 2>/dev/null | jq -r '.name // .node_id // .nodeId // empty' 2>/dev/null || true)
cat <<SUMMARY

Canopy is running on this machine.
  Dashboard      $ROOT/   (API docs: $ROOT/api/docs)
  Log in as      Admin, password $password_hint
  Cluster        $CLUSTER_NAME at $CLUSTER, admin token in $admin_token_file
  Worker         ${worker_name:-node engine} at $WORKER (/health, /metrics)
  Example        $example_line
  Metrics        $ROOT/actuator/prometheus, $CLUSTER/actuator/prometheus, $WORKER/metrics
  Logs           $LOGS/root.log, cluster.log, worker.log
  Stop           scripts/stop.sh   (data stays in $CANOPY_VAR_DIR; run this script again to restart)
SUMMARY
