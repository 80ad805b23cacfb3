#!/bin/sh
# Runs the machine's own npm for the Maven build (no plugin downloads Node.js).
# "ci-if-stale" runs `npm ci` only when node_modules is missing or was installed from another
# package-lock.json, so repeated builds stay fast and offline.
set -eu
case "$0" in */*) cd "${0%/*}/.." ;; *) cd .. ;; esac

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "The dashboard is built with Node.js and npm, which are not installed." >&2
  echo "Install them with: apt-get install nodejs npm   (Node.js 20.19 or newer)" >&2
  exit 1
fi

if [ "${1:-}" = "ci-if-stale" ]; then
  stamp=node_modules/.canopy-lock-sha256
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ -d node_modules ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "node_modules is up to date with package-lock.json"
    exit 0
  fi
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
  exit 0
fi

exec npm "$@"
