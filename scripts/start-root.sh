#!/usr/bin/env bash
# Starts the root orchestrator (REST API, dashboard, cluster channel) in the foreground, or in the
# background with --daemon. Every option also has an environment variable; flags win.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-tier.sh"

usage() {
  cat <<EOF
usage: scripts/start-root.sh [options] [-- extra Spring Boot arguments]
Starts the root orchestrator on this machine (foreground unless --daemon).

  --daemon                  run in the background: pid file + log, wait until healthy
  --no-wait                 with --daemon: return at once instead of waiting for health
  --port PORT               HTTP port (API, dashboard, /actuator)     [10000]   (CANOPY_ROOT_PORT)
  --data-dir DIR            store, JWT keys, admin password            [var/root] (CANOPY_ROOT_DATA_DIR)
  --mongo-uri URI           MongoDB, e.g. mongodb://db:27017/canopy_root
                            [empty: in-process store kept in the data dir]       (CANOPY_MONGO_URI)
  --redis-url URL           Redis, e.g. redis://127.0.0.1:6379, passed as
                            spring.data.redis.url [empty: none]                  (CANOPY_REDIS_URL)
  --admin-password PW       password of user Admin on first start
                            [random, written to <data-dir>/admin-password]       (CANOPY_ADMIN_PASSWORD)
  --public-metrics          serve /actuator/prometheus without a token [off]     (CANOPY_PUBLIC_METRICS=true)
  --jar FILE                [root-orchestrator/target/root-orchestrator-*.jar]   (CANOPY_ROOT_JAR)
  --java-opts "OPTS"        JVM options [-XX:+UseSerialGC -Xmx256m]              (CANOPY_ROOT_JAVA_OPTS)
  --log FILE                daemon log                          [var/log/root.log] (CANOPY_ROOT_LOG)
  --pid-file FILE           daemon pid file                     [var/run/root.pid] (CANOPY_ROOT_PID_FILE)
  -h, --help                this text

Stop a daemon with scripts/stop.sh root (or kill the pid in the pid file).
EOF
}

daemon=false
wait_seconds=180
port=${CANOPY_ROOT_PORT:-10000}
data_dir=${CANOPY_ROOT_DATA_DIR:-$CANOPY_VAR_DIR/root}
mongo_uri=${CANOPY_MONGO_URI:-}
redis_url=${CANOPY_REDIS_URL:-}
admin_password=${CANOPY_ADMIN_PASSWORD:-}
public_metrics=${CANOPY_PUBLIC_METRICS:-false}
jar=${CANOPY_ROOT_JAR:-}
java_opts=${CANOPY_ROOT_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}
log=${CANOPY_ROOT_LOG:-$CANOPY_VAR_DIR/log/root.log}
pid_file=${CANOPY_ROOT_PID_FILE:-$CANOPY_VAR_DIR/run/root.pid}
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
    --public-metrics) public_metrics=true; continue ;;
    --) extra+=("$@"); break ;;
    --port|--data-dir|--mongo-uri|--redis-url|--admin-password|--jar|--java-opts|--log|--pid-file) ;;
    *) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
  if [ -z "$value" ]; then
    [ $# -gt 0 ] || { echo "$arg needs a value (see --help)" >&2; exit 2; }
    value="$1"; shift
  fi
  case "$arg" in
    --port) port="$value" ;;
    --data-dir) data_dir="$value" ;;
    --mongo-uri) mongo_uri="$value" ;;
    --redis-url) redis_url="$value" ;;
    --admin-password) admin_password="$value" ;;
    --jar) jar="$value" ;;
    --java-opts) java_opts="$value" ;;
    --log) log="$value" ;;
    --pid-file) pid_file="$value" ;;
  esac
done

[[ "$port" =~ ^[0-9]+$ ]] || { echo "--port '$port' is not a number" >&2; exit 2; }
if [ -z "$jar" ]; then
  jar=$(canopy_first_jar "$CANOPY_REPO"/root-orchestrator/target/root-orchestrator-*.jar)
  jar=${jar:-$CANOPY_REPO/root-orchestrator/target/root-orchestrator-0.1.0-SNAPSHOT.jar}
fi
canopy_require_jar "$jar" root-orchestrator
java=$(canopy_java)
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)

args=("--server.port=$port" "--canopy.data-dir=$data_dir")
[ -n "$mongo_uri" ] && args+=("--spring.mongodb.uri=$mongo_uri")
[ -n "$redis_url" ] && args+=("--spring.data.redis.url=$redis_url")
[ "$public_metrics" = true ] && args+=("--canopy.auth.public-metrics=true")
# The password travels in the environment, never on the command line where ps shows it.
[ -n "$admin_password" ] && export CANOPY_ADMIN_PASSWORD="$admin_password"

# shellcheck disable=SC2206  # JVM options are words by design
jvm=($java_opts)
canopy_launch root "$daemon" "$pid_file" "$log" "http://127.0.0.1:$port/actuator/health" "$wait_seconds" \
  -- "$java" "${jvm[@]}" -jar "$jar" "${args[@]}" "${extra[@]}"
