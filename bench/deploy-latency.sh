#!/usr/bin/env bash
# Deploy latency (issue 4): on a throw-away stack on 127.0.0.1 (root, cluster, one worker without
# the overlay), RUNS sequential deploys of a service from the local test image canopy-test/busybox,
# each timed from `POST /api/service/{id}/instance` until `GET /api/service/{id}` shows that
# instance RUNNING (polled every POLL_MS ms over a keep-alive connection), then undeployed. In the
# same run, interleaved, RUNS bare `docker create` + `docker start` of the same image, command,
# CPU and memory limits (timed until `docker start` returns). Prints p50/p99 of both and their
# ratio (target: ≤ 1.10× at p50). Never fails on timing; everything it started is stopped and its
# containers removed on any exit. Bounded by LIMIT_SECONDS (default 900).
#
#   bench/deploy-latency.sh                  # RUNS=20 WARMUP=2 POLL_MS=20
#   RUNS=50 bench/deploy-latency.sh
#   BENCH_WORKER_JAVA_OPTS="-Xmx64m" bench/deploy-latency.sh   # other worker JVM flags
#
# Needs: the jars built (mvn -B -q package -DskipTests -pl root-orchestrator,cluster-orchestrator,
# node-engine -am), the Docker engine running, mosquitto, busybox-static, python3, curl, jq.
set -euo pipefail
case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
esac
. "$(dirname "$0")/lib-stack.sh"

RUNS=${RUNS:-20}
WARMUP=${WARMUP:-2}
POLL_MS=${POLL_MS:-20}
# A long-running process that stops at once on SIGTERM, so undeploying between runs is quick.
CMD='["sh", "-c", "trap '"'"'exit 0'"'"' TERM; while true; do sleep 1; done"]'

bench_init "${LIMIT_SECONDS:-900}"
label="deploy-$$"
BENCH_CLEANUP_HOOKS+=("docker ps -aq --filter label=io.canopy.bench=$label | xargs -r docker rm -f >/dev/null")
bench_image
bench_start_stack w1
service=$(bench_register_service latency "$CMD")
node=$(bench_worker_node_id w1)

echo "deploy latency: $(nproc) cores, $(docker version --format 'Docker {{.Server.Version}}'), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
echo "worker JVM: ${BENCH_WORKER_JAVA_OPTS:-the defaults of scripts/start-worker.sh}; load average before: $(bench_load)"
bench_run python3 "$BENCH_REPO/bench/measure.py" deploy-latency --root "$BENCH_ROOT_URL" --password "$BENCH_PASSWORD" \
  --service "$service" --node "$node" --runs "$RUNS" --warmup "$WARMUP" --poll-ms "$POLL_MS" \
  --image "$BENCH_IMAGE" --cmd "$CMD" --label "$label"
echo "load average after: $(bench_load)"
