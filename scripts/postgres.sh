#!/usr/bin/env bash
# Shared by start.sh and test.sh: install PostgreSQL from Debian when missing and run a
# project-owned cluster (not the system one) in a given data folder on a given port.
#   source scripts/postgres.sh; pg_ensure_installed; pg_start DATA_DIR PORT
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  # Installs the given Debian packages, running `apt-get update` once first.
  if [ -z "${NEWSPORTAL_APT_UPDATED:-}" ]; then
    as_root apt-get update -qq
    export NEWSPORTAL_APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_bindir() {
  local version
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] && echo "/usr/lib/postgresql/$version/bin"
}

pg_ensure_installed() {
  if [ -z "$(pg_bindir)" ] || [ ! -x "$(pg_bindir)/initdb" ]; then
    echo "Installing PostgreSQL from Debian packages..."
    apt_install postgresql
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
pg_start() {
  local data port=$2 bin
  data=$(pg_reachable_data_dir "$1")
  bin=$(pg_bindir)
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$data"
    chmod 700 "$data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    # Local development cluster: trust authentication, reachable only on loopback.
    pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    return 0
  fi
  pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=${NEWSPORTAL_PG_FSYNC:-on}" start >/dev/null
}

pg_stop() {
  local data
  data=$(readlink -f "$1")
  [ -d "$data" ] || return 0
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
}

# pg_create_database PORT NAME: create the database if it does not exist yet.
pg_create_database() {
  local port=$1 name=$2
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
  fi
}

# A throwaway cluster on a free port for tests (fsync off), stopped and removed when the calling
# script exits; exports NEWSPORTAL_TEST_DB for it. Used by test.sh and screenshots.sh.
pg_throwaway() {
  NEWSPORTAL_THROWAWAY_PG=$(mktemp -d /tmp/newsportal-test-pg.XXXXXX)
  trap 'pg_stop "$NEWSPORTAL_THROWAWAY_PG"; rm -rf "$NEWSPORTAL_THROWAWAY_PG"' EXIT
  local port
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  NEWSPORTAL_PG_FSYNC=off pg_start "$NEWSPORTAL_THROWAWAY_PG" "$port"
  export NEWSPORTAL_TEST_DB="Host=127.0.0.1;Port=$port;Username=postgres"
}
