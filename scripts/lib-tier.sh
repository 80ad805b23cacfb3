#!/usr/bin/env bash
# Shared by start-root.sh, start-cluster.sh, start-worker.sh, quickstart.sh and stop.sh: where the
# var/ folder is, and how a tier runs in the foreground or as a daemon with a pid file and a log.
# Sourced, never run. Needs scripts/lib.sh sourced first (canopy_find_jdk, canopy_wait_for).

CANOPY_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Everything the scripts write (data dirs, logs, pid files) lives below this folder.
CANOPY_VAR_DIR=${CANOPY_VAR_DIR:-$CANOPY_REPO/var}

# Prints the java launcher of a JDK >= 21, or stops with a hint.
canopy_java() {
  local home
  home=$(canopy_find_jdk) || {
    echo "No JDK >= 21 found: set JAVA_HOME or install one (apt-get install openjdk-21-jre-headless)." >&2
    return 1
  }
  echo "$home/bin/java"
}

# Stops with a hint when the tier's jar has not been built.
canopy_require_jar() {
  local jar="$1" module="$2"
  [ -f "$jar" ] && return 0
  echo "$jar is missing: build it with 'mvn -B -q package -DskipTests -pl $module -am'" \
    "(scripts/quickstart.sh builds everything)." >&2
  exit 1
}

# Prints the first existing file among the arguments (globs), skipping Boot's *-plain.jar.
canopy_first_jar() {
  local file
  for file in "$@"; do
    [ -f "$file" ] && [[ "$file" != *-plain.jar ]] && { echo "$file"; return 0; }
  done
  return 0
}

# True when the pid file names a live process (a stale file is removed).
canopy_pid_alive() {
  local pid_file="$1" pid
  [ -f "$pid_file" ] || return 1
  pid=$(cat "$pid_file" 2>/dev/null)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    return 0
  fi
  rm -f "$pid_file"
  return 1
}

# canopy_launch NAME DAEMON PID_FILE LOG HEALTH_URL WAIT_SECONDS -- COMMAND...
# Foreground: replaces this shell with COMMAND. Daemon: starts COMMAND in its own session, writes
# its pid, appends its output to LOG and, when WAIT_SECONDS > 0, waits until HEALTH_URL answers.
# A tier whose pid file names a live process is left alone, so starting twice is harmless.
canopy_launch() {
  local name="$1" daemon="$2" pid_file="$3" log="$4" health="$5" wait_seconds="$6"
  shift 7
  if [ "$daemon" != true ]; then
    exec "$@"
  fi
  if canopy_pid_alive "$pid_file"; then
    echo "$name is already running (pid $(cat "$pid_file"), log $log)"
    return 0
  fi
  mkdir -p "$(dirname "$pid_file")" "$(dirname "$log")"
  echo "=== $(date -u +%Y-%m-%dT%H:%M:%SZ) starting $name: $*" >>"$log"
  # setsid: the tier keeps running when the terminal that started it closes.
  setsid "$@" >>"$log" 2>&1 </dev/null &
  echo $! >"$pid_file"
  echo "$name started (pid $!, log $log)"
  [ "$wait_seconds" -gt 0 ] || return 0
  local i
  for ((i = 0; i < wait_seconds * 2; i++)); do
    if ! canopy_pid_alive "$pid_file"; then
      echo "$name exited during start-up; the end of $log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    curl -fsS -o /dev/null --max-time 2 "$health" 2>/dev/null && { echo "$name is healthy at $health"; return 0; }
    sleep 0.5
  done
  echo "$name did not become healthy at $health within ${wait_seconds}s; the end of $log:" >&2
  tail -n 30 "$log" >&2
  return 1
}

# Stops the process of a pid file: SIGTERM, then SIGKILL after 30 s. Harmless when not running.
canopy_stop_pid() {
  local name="$1" pid_file="$2" pid i
  if ! canopy_pid_alive "$pid_file"; then
    echo "$name is not running"
    return 0
  fi
  pid=$(cat "$pid_file")
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; echo "$name stopped (pid $pid)"; return 0; }
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  echo "$name did not stop within 30 s and was killed (pid $pid)"
}
