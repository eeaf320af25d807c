#!/usr/bin/env bash
# Shared by start.sh and test.sh: install PostgreSQL from Debian when missing and run a
# project-owned cluster (not the system one) in a given data folder on a given port.
#   source scripts/postgres.sh; pg_ensure_installed; pg_start DATA_DIR PORT
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "error: '$*' needs root, and sudo is not installed; run it as root" >&2; return 1
  fi
}

apt_install() {
  # Installs the given Debian packages, running `apt-get update` once first; one error line
  # naming the log when that fails.
  local log=${TMPDIR:-/tmp}/newsportal-apt.log
  if [ -z "${NEWSPORTAL_APT_UPDATED:-}" ]; then
    as_root apt-get update -qq >"$log" 2>&1 || { echo "error: apt-get update failed; read $log" >&2; return 1; }
    export NEWSPORTAL_APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>"$log" 2>&1 \
    || { echo "error: apt-get install $* failed; read $log" >&2; return 1; }
}

pg_bindir() {
  local version
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] && echo "/usr/lib/postgresql/$version/bin"
}

pg_ensure_installed() {
  if [ -z "$(pg_bindir)" ] || [ ! -x "$(pg_bindir)/initdb" ]; then
    echo "==> installing PostgreSQL from Debian packages"
    apt_install postgresql || return 1
  fi
}

# PostgreSQL refuses to run as root: as root the cluster belongs to the 'postgres' user.
pg_as_owner() {
  # From /, since the postgres user may not be allowed into the current folder.
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# As root the cluster belongs to 'postgres', which may not be allowed into the clone (a clone
# under /root, say). Then the data lives under /var/lib/postgresql/newsportal/ and DATA_DIR
# becomes a symlink to it, so it still survives restarts and is found at the same place.
pg_reachable_data_dir() {
  local data=$1
  if [ "$(id -u)" != 0 ]; then echo "$data"; return; fi
  mkdir -p "$(dirname "$data")"
  if [ -L "$data" ] || runuser -u postgres -- test -x "$(dirname "$data")"; then
    readlink -f "$data"
    return
  fi
  local real
  real="/var/lib/postgresql/newsportal/$(printf '%s' "$data" | sha1sum | cut -c1-12)"
  if [ -d "$data" ]; then
    rmdir "$data" 2>/dev/null || {
      echo "error: $data holds data that the 'postgres' user cannot reach; move it or set NEWSPORTAL_DATA_DIR." >&2
      return 1
    }
  fi
  mkdir -p "$real"
  ln -s "$real" "$data"
  echo "note: $data -> $real (the 'postgres' user cannot enter $(dirname "$data"))" >&2
  echo "$real"
}

# pg_start DATA_DIR PORT: initialise the cluster on first use, then start it unless it is running.
# Prints "started" or "running"; on failure one error line naming the log to read.
pg_start() {
  local data port=$2 bin out log last
  data=$(pg_reachable_data_dir "$1") || return 1
  bin=$(pg_bindir)
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$data"
    chmod 700 "$data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    # Local development cluster: trust authentication, reachable only on loopback.
    if ! out=$(pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 2>&1); then
      log=${TMPDIR:-/tmp}/newsportal-initdb.log
      echo "$out" >"$log"
      echo "error: initdb could not create a PostgreSQL cluster in $data; read $log" >&2
      return 1
    fi
  fi
  if pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo running
    return 0
  fi
  log="$data/server.log"
  if ! pg_as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=${NEWSPORTAL_PG_FSYNC:-on}" start >/dev/null 2>&1; then
    last=$(grep -E 'FATAL|PANIC|ERROR' "$log" 2>/dev/null | tail -n 1 | sed -E 's/^.*(FATAL|PANIC|ERROR): *//')
    echo "error: PostgreSQL did not start on port $port; read $log${last:+ (last error: $last)}" >&2
    return 1
  fi
  echo started
}

pg_stop() {
  local data
  data=$(readlink -f "$1")
  [ -d "$data" ] || return 0
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
}

# pg_create_database PORT NAME: create the database if it does not exist yet; prints "created" or "exists".
pg_create_database() {
  local port=$1 name=$2 found
  if ! found=$(psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" 2>&1); then
    echo "error: PostgreSQL on port $port does not answer: $(echo "$found" | tail -n 1)" >&2
    return 1
  fi
  if [ "$found" = 1 ]; then echo exists; return 0; fi
  psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$name\"" >/dev/null || return 1
  echo created
}

# A throwaway cluster on a free port for tests (fsync off), stopped and removed when the calling
# script exits; exports NEWSPORTAL_TEST_DB for it. Used by test.sh and screenshots.sh.
pg_throwaway() {
  NEWSPORTAL_THROWAWAY_PG=$(mktemp -d /tmp/newsportal-test-pg.XXXXXX)
  trap 'pg_stop "$NEWSPORTAL_THROWAWAY_PG"; rm -rf "$NEWSPORTAL_THROWAWAY_PG"' EXIT
  local port
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if ! NEWSPORTAL_PG_FSYNC=off pg_start "$NEWSPORTAL_THROWAWAY_PG" "$port" >/dev/null 2>&1; then
    # The cluster's folder goes at exit: its log is kept where the error line says.
    local log=${TMPDIR:-/tmp}/newsportal-test-pg.log
    cp -f "$NEWSPORTAL_THROWAWAY_PG/server.log" "$log" 2>/dev/null || echo "initdb or pg_ctl failed before writing a log" >"$log"
    echo "error: the throwaway PostgreSQL did not start on port $port; read $log" >&2
    return 1
  fi
  NEWSPORTAL_THROWAWAY_PORT=$port
  export NEWSPORTAL_TEST_DB="Host=127.0.0.1;Port=$port;Username=postgres"
}
