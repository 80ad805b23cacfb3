#!/usr/bin/env bash
# Shared helpers for Canopy's scripts: finding a JDK and checking Debian packages.

# Prints the JAVA_HOME of the newest JDK >= 21 found (JAVA_HOME first, then /usr/lib/jvm).
canopy_find_jdk() {
  local candidates=() best="" best_version=0 home version
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in /usr/lib/jvm/*; do candidates+=("$home"); done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/javac" ] || continue
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    [ -n "$version" ] || continue
    if [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best="$home"; best_version="$version"
    fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}

# Prints the Debian packages among the arguments that are not installed.
canopy_missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

# Installs the given Debian packages when missing (as root), or stops naming them.
canopy_ensure_packages() {
  local missing
  missing=$(canopy_missing_packages "$@" | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: $missing" >&2
    echo "Install them as root: apt-get install -y $missing" >&2
    exit 1
  fi
  echo "Installing: $missing"
  apt-get update -q >/dev/null
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
}

# Waits up to $2 seconds for the command $1 to succeed.
canopy_wait_for() {
  local command="$1" seconds="$2" i
  for ((i = 0; i < seconds * 4; i++)); do
    eval "$command" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  return 1
}

# Starts dockerd in the background when the engine does not answer (no systemd here).
canopy_ensure_dockerd() {
  docker info >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || { echo "The Docker engine is not running; start it (dockerd) as root." >&2; exit 1; }
  echo "Starting dockerd (log: /var/log/canopy-dockerd.log)"
  (setsid dockerd >/var/log/canopy-dockerd.log 2>&1 &)
  canopy_wait_for "docker info" 60 || { tail -20 /var/log/canopy-dockerd.log >&2; echo "dockerd did not start" >&2; exit 1; }
}

# Starts virtlogd and libvirtd in the background when libvirt does not answer.
canopy_ensure_libvirtd() {
  virsh -c qemu:///system version >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || { echo "libvirtd is not running; start it (virtlogd -d; libvirtd -d) as root." >&2; exit 1; }
  echo "Starting virtlogd and libvirtd"
  pgrep -x virtlogd >/dev/null || virtlogd -d
  pgrep -x libvirtd >/dev/null || libvirtd -d
  canopy_wait_for "virsh -c qemu:///system version" 30 || { echo "libvirtd did not start" >&2; exit 1; }
}
