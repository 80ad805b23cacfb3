#!/usr/bin/env bash
# Starts a cluster orchestrator (worker registration, scheduling over workers, MQTT, link to the
# root) in the foreground, or in the background with --daemon. Every option also has an
# environment variable; flags win.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-tier.sh"

usage() {
  cat <<USAGE
usage: scripts/start-cluster.sh [options] [-- extra Spring Boot arguments]
Starts a cluster orchestrator on this machine (foreground unless --daemon).

  --daemon                  run in the background: pid file + log, wait until healthy
  --no-wait                 with --daemon: return at once instead of waiting for health
  --root-url URL            the root orchestrator, e.g. http://10.0.0.1:10000      (CANOPY_ROOT_URL)
  --cluster-token TOKEN     cluster registration token from the root's POST /api/clusters/tokens;
                            needed only until the cluster is registered            (CANOPY_CLUSTER_TOKEN)
  --name NAME               cluster name, unique at the root [cluster-1]           (CANOPY_CLUSTER_NAME)
  --location LAT,LONG       where the cluster is [0,0]                             (CANOPY_CLUSTER_LOCATION)
  --port PORT               HTTP port (worker API, /actuator) [10100]              (CANOPY_CLUSTER_PORT)
  --broker-url URL          external MQTT broker, e.g. tcp://127.0.0.1:1883
                            [empty: embedded broker]                                (CANOPY_BROKER_URL)
  --broker-username USER    the cluster's user at the external broker              (CANOPY_BROKER_USERNAME)
  --broker-password PW      its password                                           (CANOPY_BROKER_PASSWORD)
  --worker-broker-url URL   broker URL handed to workers when it differs           (CANOPY_WORKER_BROKER_URL)
  --mqtt-port PORT          embedded broker port [10003]                           (CANOPY_MQTT_PORT)
  --public-address HOST     host workers reach this machine at [the host they used] (CANOPY_PUBLIC_ADDRESS)
  --mongo-uri URI           MongoDB, e.g. mongodb://db:27017/canopy_cluster
                            [empty: in-process store kept in the data dir]          (CANOPY_MONGO_URI)
  --admin-token TOKEN       cluster admin token for POST /api/node/tokens
                            [random, written to <data-dir>/admin-token]             (CANOPY_CLUSTER_ADMIN_TOKEN)
  --data-dir DIR            identity, admin token, store [var/cluster]             (CANOPY_CLUSTER_DATA_DIR)
  --jar FILE                [cluster-orchestrator/target/cluster-orchestrator-*.jar] (CANOPY_CLUSTER_JAR)
  --java-opts "OPTS"        JVM options [-XX:+UseSerialGC -Xmx192m]                (CANOPY_CLUSTER_JAVA_OPTS)
  --log FILE                daemon log                       [var/log/cluster.log]  (CANOPY_CLUSTER_LOG)
  --pid-file FILE           daemon pid file                  [var/run/cluster.pid]  (CANOPY_CLUSTER_PID_FILE)
  -h, --help                this text

Stop a daemon with scripts/stop.sh cluster (or kill the pid in the pid file).
USAGE
}

daemon=false
wait_seconds=180
root_url=${CANOPY_ROOT_URL:-}
cluster_token=${CANOPY_CLUSTER_TOKEN:-}
name=${CANOPY_CLUSTER_NAME:-}
location=${CANOPY_CLUSTER_LOCATION:-}
port=${CANOPY_CLUSTER_PORT:-10100}
broker_url=${CANOPY_BROKER_URL:-}
broker_username=${CANOPY_BROKER_USERNAME:-}
broker_password=${CANOPY_BROKER_PASSWORD:-}
worker_broker_url=${CANOPY_WORKER_BROKER_URL:-}
mqtt_port=${CANOPY_MQTT_PORT:-}
public_address=${CANOPY_PUBLIC_ADDRESS:-}
mongo_uri=${CANOPY_MONGO_URI:-}
admin_token=${CANOPY_CLUSTER_ADMIN_TOKEN:-}
data_dir=${CANOPY_CLUSTER_DATA_DIR:-$CANOPY_VAR_DIR/cluster}
jar=${CANOPY_CLUSTER_JAR:-}
java_opts=${CANOPY_CLUSTER_JAVA_OPTS:--XX:+UseSerialGC -Xmx192m}
log=${CANOPY_CLUSTER_LOG:-$CANOPY_VAR_DIR/log/cluster.log}
pid_file=${CANOPY_CLUSTER_PID_FILE:-$CANOPY_VAR_DIR/run/cluster.pid}
extra=()

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
    --) extra+=("$@"); break ;;
    --root-url|--cluster-token|--name|--location|--port|--broker-url|--broker-username) ;;
    --broker-password|--worker-broker-url|--mqtt-port|--public-address|--mongo-uri) ;;
    --admin-token|--data-dir|--jar|--java-opts|--log|--pid-file) ;;
    *) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
  if [ -z "$value" ]; then
    [ $# -gt 0 ] || { echo "$arg needs a value (see --help)" >&2; exit 2; }
    value="$1"; shift
  fi
  case "$arg" in
    --root-url) root_url="$value" ;;
    --cluster-token) cluster_token="$value" ;;
    --name) name="$value" ;;
    --location) location="$value" ;;
    --port) port="$value" ;;
    --broker-url) broker_url="$value" ;;
    --broker-username) broker_username="$value" ;;
    --broker-password) broker_password="$value" ;;
    --worker-broker-url) worker_broker_url="$value" ;;
    --mqtt-port) mqtt_port="$value" ;;
    --public-address) public_address="$value" ;;
    --mongo-uri) mongo_uri="$value" ;;
    --admin-token) admin_token="$value" ;;
    --data-dir) data_dir="$value" ;;
    --jar) jar="$value" ;;
    --java-opts) java_opts="$value" ;;
    --log) log="$value" ;;
    --pid-file) pid_file="$value" ;;
  esac
done

[[ "$port" =~ ^[0-9]+$ ]] || { echo "--port '$port' is not a number" >&2; exit 2; }
[ -z "$mqtt_port" ] || [[ "$mqtt_port" =~ ^[0-9]+$ ]] || { echo "--mqtt-port '$mqtt_port' is not a number" >&2; exit 2; }
if [ -z "$jar" ]; then
  jar=$(canopy_first_jar "$CANOPY_REPO"/cluster-orchestrator/target/cluster-orchestrator-*.jar)
  jar=${jar:-$CANOPY_REPO/cluster-orchestrator/target/cluster-orchestrator-0.1.0-SNAPSHOT.jar}
fi
canopy_require_jar "$jar" cluster-orchestrator
java=$(canopy_java)
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)

# The same folder for the cluster's own files and for the in-process store (spring-support).
args=("--server.port=$port" "--canopy.cluster.data-dir=$data_dir" "--canopy.data-dir=$data_dir")
[ -n "$root_url" ] && args+=("--canopy.cluster.root-url=$root_url")
[ -n "$name" ] && args+=("--canopy.cluster.name=$name")
[ -n "$location" ] && args+=("--canopy.cluster.location=$location")
[ -n "$broker_url" ] && args+=("--canopy.cluster.mqtt.url=$broker_url")
[ -n "$broker_username" ] && args+=("--canopy.cluster.mqtt.username=$broker_username")
[ -n "$worker_broker_url" ] && args+=("--canopy.cluster.mqtt.worker-url=$worker_broker_url")
[ -n "$mqtt_port" ] && args+=("--canopy.cluster.mqtt.embedded-port=$mqtt_port")
[ -n "$public_address" ] && args+=("--canopy.cluster.public-address=$public_address")
[ -n "$mongo_uri" ] && args+=("--spring.mongodb.uri=$mongo_uri")
# Secrets travel in the environment (Spring's relaxed binding), never on the command line.
[ -n "$cluster_token" ] && export CANOPY_CLUSTER_REGISTRATIONTOKEN="$cluster_token"
[ -n "$broker_password" ] && export CANOPY_CLUSTER_MQTT_PASSWORD="$broker_password"
[ -n "$admin_token" ] && export CANOPY_CLUSTER_ADMIN_TOKEN="$admin_token"

# shellcheck disable=SC2206  # JVM options are words by design
jvm=($java_opts)
canopy_launch cluster "$daemon" "$pid_file" "$log" "http://127.0.0.1:$port/actuator/health" "$wait_seconds" \
  -- "$java" "${jvm[@]}" -jar "$jar" "${args[@]}" "${extra[@]}"
