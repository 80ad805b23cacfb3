#!/usr/bin/env bash
# Installs a Canopy worker (the node engine) on a Debian or Ubuntu host as the systemd service
# canopy-worker.service: checks for a Java runtime >= 21, puts the jar and its settings under
# /opt/canopy, keeps the node's identity under /var/lib/canopy/worker, and starts the service.
# --dry-run prints every step (and the unit) without changing anything.
set -euo pipefail

# The node engine's JVM flags, the same as scripts/start-worker.sh's default (measured in
# docs/performance.md): serial GC, 48 MB heap with a 4 MB young generation, small stacks, C1 only.
jvm_flags="-XX:+UseSerialGC -Xmx48m -Xmn4m -Xss256k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:TrimNativeHeapInterval=5000"

usage() {
  cat <<USAGE
usage: scripts/install-worker.sh --cluster-url URL --join-token TOKEN [options]
Installs the node engine as the systemd service canopy-worker.service (run as root).

  --cluster-url URL     the cluster orchestrator, e.g. http://10.0.0.5:10100 (required)
  --join-token TOKEN    a join token from the cluster's POST /api/node/tokens (required)
  --name NAME           the node's name [host name]
  --jar FILE            the node engine jar to install
                        [node-engine/target/node-engine-*-all.jar next to this script]
  --jar-url URL         download the jar from here instead (curl)
  --prefix DIR          program files [/opt/canopy]
  --data-dir DIR        node identity and instance handles [/var/lib/canopy/worker]
  --metrics-port PORT   /health and /metrics [10200]
  --java FILE           the java launcher [found: JAVA_HOME, PATH, /usr/lib/jvm]
  --no-start            install and enable, but do not start the service now
  --dry-run             print what would be done, change nothing (needs no root)
  -h, --help            this text

The JVM runs with $jvm_flags
and MALLOC_ARENA_MAX=2 (small devices; docs/performance.md says what each costs).
Containers need the Docker engine (apt-get install docker.io).
USAGE
}

cluster_url="" join_token="" name="" jar="" jar_url="" prefix=/opt/canopy
data_dir=/var/lib/canopy/worker metrics_port=10200 java="" start=true dry_run=false
unit_file=/etc/systemd/system/canopy-worker.service
while [ $# -gt 0 ]; do
  arg="$1"; shift
  value=""
  case "$arg" in
    --*=*) value="${arg#*=}"; arg="${arg%%=*}" ;;
  esac
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --dry-run) dry_run=true; continue ;;
    --no-start) start=false; continue ;;
    --cluster-url|--join-token|--name|--jar|--jar-url|--prefix|--data-dir|--metrics-port|--java) ;;
    *) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
  if [ -z "$value" ]; then
    [ $# -gt 0 ] || { echo "$arg needs a value (see --help)" >&2; exit 2; }
    value="$1"; shift
  fi
  case "$arg" in
    --cluster-url) cluster_url="${value%/}" ;;
    --join-token) join_token="$value" ;;
    --name) name="$value" ;;
    --jar) jar="$value" ;;
    --jar-url) jar_url="$value" ;;
    --prefix) prefix="${value%/}" ;;
    --data-dir) data_dir="${value%/}" ;;
    --metrics-port) metrics_port="$value" ;;
    --java) java="$value" ;;
  esac
done

fail() { echo "install-worker: $*" >&2; exit 1; }
[ -n "$cluster_url" ] || fail "--cluster-url is required (see --help)"
[[ "$cluster_url" =~ ^https?://[^/]+ ]] || fail "--cluster-url '$cluster_url' is not an http(s) URL like http://10.0.0.5:10100"
[ -n "$join_token" ] || fail "--join-token is required: create one with POST $cluster_url/api/node/tokens"
[[ "$metrics_port" =~ ^[0-9]+$ ]] || fail "--metrics-port '$metrics_port' is not a number"
[ "$dry_run" = true ] && echo "Dry run: nothing is changed."

# do CMD...: runs the command, or prints it in a dry run.
do_run() {
  if [ "$dry_run" = true ]; then echo "would run: $*"; else "$@"; fi
}
# write FILE MODE: writes stdin to FILE with MODE, or prints it in a dry run.
write_file() {
  local file="$1" mode="$2" content
  content=$(cat)
  if [ "$dry_run" = true ]; then
    printf 'would write %s (mode %s):\n%s\n\n' "$file" "$mode" "$content"
  else
    install -d -m 755 "$(dirname "$file")"
    (umask 077; printf '%s\n' "$content" >"$file.tmp")
    chmod "$mode" "$file.tmp"
    mv "$file.tmp" "$file"
    echo "wrote $file"
  fi
}

# 1. The host.
if [ -r /etc/os-release ]; then
  os=$(. /etc/os-release; echo "${ID:-} ${ID_LIKE:-}")
  [[ " $os " == *" debian "* || " $os " == *" ubuntu "* ]] \
    || fail "this installer is for Debian and Ubuntu (found: $os); run the jar with scripts/start-worker.sh instead"
fi
if [ "$dry_run" = false ] && [ "$(id -u)" -ne 0 ]; then
  fail "run it as root (sudo $0 ...), or look first with --dry-run"
fi

# 2. A Java runtime >= 21 (a JRE is enough).
java_version() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
find_java() {
  local candidate version
  for candidate in "$java" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version=$(java_version "$candidate")
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then
      readlink -f "$candidate"
      return 0
    fi
  done
  return 1
}
if java=$(find_java); then
  echo "Java runtime: $java (version $(java_version "$java"))"
else
  message="no Java runtime >= 21 found. Install one: apt-get install openjdk-21-jre-headless
  (Debian 13, Ubuntu 24.04; on Debian 12 use temurin-21-jre from packages.adoptium.net), or give --java"
  [ "$dry_run" = true ] || fail "$message"
  echo "JRE check FAILED (a real run stops here): $message"
  java=/usr/bin/java
fi
command -v docker >/dev/null || echo "note: no Docker engine here; the worker runs no containers until docker.io is installed"

# 3. Files.
installed_jar=$prefix/node-engine.jar
if [ -n "$jar_url" ]; then
  do_run curl -fsSL --retry 3 -o "$installed_jar.tmp" "$jar_url"
  do_run mv "$installed_jar.tmp" "$installed_jar"
else
  if [ -z "$jar" ]; then
    repo=$(cd "$(dirname "$0")/.." && pwd)
    jar=$(ls "$repo"/node-engine/target/node-engine-*-all.jar 2>/dev/null | head -n 1 || true)
  fi
  if [ -z "$jar" ] || [ ! -f "$jar" ]; then
    message="no node engine jar: give --jar FILE or --jar-url URL (build it with mvn -B package -DskipTests -pl node-engine -am)"
    [ "$dry_run" = true ] || fail "$message"
    echo "$message"
    jar=node-engine-all.jar
  fi
  do_run install -d -m 755 "$prefix"
  do_run install -m 644 "$jar" "$installed_jar"
fi
do_run install -d -m 700 "$data_dir"

shown_token=$join_token
[ "$dry_run" = true ] && shown_token="<the join token given, ${#join_token} characters>"
write_file "$prefix/worker.env" 600 <<ENV
# Settings of canopy-worker.service (read by the node engine as CANOPY_* variables).
CANOPY_CLUSTER_URL=$cluster_url
CANOPY_JOIN_TOKEN=$shown_token
CANOPY_DATA_DIR=$data_dir
CANOPY_METRICS_PORT=$metrics_port${name:+
CANOPY_NAME=$name}
ENV

write_file "$unit_file" 644 <<UNIT
[Unit]
Description=Canopy worker (node engine)
After=network-online.target docker.service
Wants=network-online.target

[Service]
Type=simple
EnvironmentFile=$prefix/worker.env
# glibc's malloc arenas hold freed memory; two are plenty for the node engine.
Environment=MALLOC_ARENA_MAX=2
ExecStart=$java $jvm_flags -jar $installed_jar
# Workloads are children of dockerd, not of this service: a restart reattaches to them.
Restart=always
RestartSec=5
TimeoutStopSec=30

[Install]
WantedBy=multi-user.target
UNIT

# 4. The service.
if [ "$dry_run" = false ] && ! command -v systemctl >/dev/null; then
  echo "No systemd here: start the worker with"
  echo "  env MALLOC_ARENA_MAX=2 \$(grep -v '^#' $prefix/worker.env | xargs) $java $jvm_flags -jar $installed_jar"
  exit 0
fi
do_run systemctl daemon-reload
if [ "$start" = true ]; then
  do_run systemctl enable --now canopy-worker.service
  [ "$dry_run" = true ] || echo "canopy-worker.service started; follow it with: journalctl -u canopy-worker -f"
else
  do_run systemctl enable canopy-worker.service
fi
echo "Health and metrics: http://127.0.0.1:$metrics_port/health and /metrics"
