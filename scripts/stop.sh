#!/usr/bin/env bash
# Stops the tiers started with --daemon (by scripts/quickstart.sh or the start scripts) through
# their pid files under var/run: the worker first, then the cluster, then the root. Then removes
# the containers the stopped worker ran, unless --keep-workloads. Running it twice is harmless.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-tier.sh"

usage() {
  cat <<USAGE
usage: scripts/stop.sh [--keep-workloads] [worker] [cluster] [root]
Stops the named tiers (default: all three, worker first) started as daemons, through their pid
files in $CANOPY_VAR_DIR/run (CANOPY_VAR_DIR). Data dirs and logs are kept.

  --keep-workloads   leave the worker's containers running (a restarted worker takes them over);
                     by default they are removed, and the cluster starts them again on the next start
  -h, --help         this text
USAGE
}

keep_workloads=false
tiers=()
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --keep-workloads) keep_workloads=true ;;
    worker|cluster|root) tiers+=("$arg") ;;
    *) echo "unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#tiers[@]} -gt 0 ] || tiers=(worker cluster root)

# The order matters: a worker stopped before its cluster is not reported lost and rescheduled.
for tier in worker cluster root; do
  [[ " ${tiers[*]} " == *" $tier "* ]] || continue
  canopy_stop_pid "$tier" "$CANOPY_VAR_DIR/run/$tier.pid"
done

remove_workloads() {
  local identity="${CANOPY_DATA_DIR:-$CANOPY_VAR_DIR/worker}/node.json" node_id ids
  [ -f "$identity" ] && command -v docker >/dev/null && docker info >/dev/null 2>&1 || return 0
  node_id=$(sed -n 's/.*"node_\{0,1\}[iI]d"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$identity" | head -n 1)
  [ -n "$node_id" ] || return 0
  ids=$(docker ps -aq --filter "label=io.canopy.managed=true" --filter "label=io.canopy.node-id=$node_id")
  [ -n "$ids" ] || return 0
  # shellcheck disable=SC2086  # one id per word
  docker rm -f $ids >/dev/null
  echo "removed $(echo "$ids" | wc -w) container(s) of worker $node_id"
}
if [[ " ${tiers[*]} " == *" worker "* ]] && [ "$keep_workloads" = false ]; then
  remove_workloads
fi
