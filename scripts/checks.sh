# Sourced by start.sh, test.sh and np: progress lines, one-line failures, and the checks made
# before anything is started (tools, ports, a second start.sh).
#   source scripts/checks.sh; step "building"; fail "what went wrong; what to do"

# step TEXT: one progress line.
step() { echo "==> $*"; }

# fail TEXT: one line saying what went wrong and what to read or do, then exit 1.
fail() {
  echo "error: $*" >&2
  exit 1
}

# need_dotnet: the .NET 10 SDK on PATH.
need_dotnet() {
  command -v dotnet >/dev/null 2>&1 \
    || fail "dotnet not found: install the .NET 10 SDK (https://dot.net/download) or put it on PATH"
  dotnet --list-sdks 2>/dev/null | grep -q '^10\.' \
    || fail "the .NET 10 SDK is missing (dotnet --list-sdks shows: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | paste -sd' ')); install it from https://dot.net/download"
}

# port_in_use PORT: true when something accepts connections on 127.0.0.1:PORT.
port_in_use() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# port_holder PORT: "name (pid N)" of the listening process when ss can tell, else nothing.
port_holder() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -n 1 \
    | sed -E 's/users:\(\("([^"]*)",pid=([0-9]*)/\1 (pid \2)/'
}

# url_ports URLS: sets URL_PORTS to the port of each of the ';'-separated URLs (80/443 when none
# is given). Not called in $(...): its failure must end the script, not a subshell.
url_ports() {
  local url
  URL_PORTS=()
  local IFS=';'
  for url in $1; do
    if [[ $url =~ ^(https?)://(\[[^]]*\]|[^/:]+)(:([0-9]+))? ]]; then
      if [ -n "${BASH_REMATCH[4]}" ]; then URL_PORTS+=("${BASH_REMATCH[4]}")
      elif [ "${BASH_REMATCH[1]}" = https ]; then URL_PORTS+=(443)
      else URL_PORTS+=(80); fi
    else
      fail "NEWSPORTAL_URLS: '$url' is not an http(s) URL such as http://localhost:5000"
    fi
  done
}

# check_web_ports URLS: every port the web app will listen on is free.
check_web_ports() {
  local port holder
  url_ports "$1"
  for port in "${URL_PORTS[@]}"; do
    if port_in_use "$port"; then
      holder=$(port_holder "$port")
      fail "port $port (web, from NEWSPORTAL_URLS=$1) is taken${holder:+ by $holder}; stop that program or set NEWSPORTAL_URLS=http://localhost:OTHER_PORT"
    fi
  done
}

# check_db_port DATA_DIR PORT: the port is free, or it is this data folder's own running cluster.
check_db_port() {
  local data=$1 port=$2 pidfile running_port holder
  pidfile="$(readlink -f "$data" 2>/dev/null || echo "$data")/postmaster.pid"
  if [ -f "$pidfile" ] && kill -0 "$(head -n 1 "$pidfile")" 2>/dev/null; then
    running_port=$(sed -n 4p "$pidfile")
    [ "$running_port" = "$port" ] && return 0
    fail "the database in $data already runs on port $running_port, not $port; stop it (scripts/stop-db.sh) or set NEWSPORTAL_PG_PORT=$running_port"
  fi
  if port_in_use "$port"; then
    holder=$(port_holder "$port")
    fail "port $port (database, NEWSPORTAL_PG_PORT) is taken${holder:+ by $holder}; stop that program or set NEWSPORTAL_PG_PORT to a free port"
  fi
}

# take_start_lock FILE: this start.sh is the only one for its data folder. The file holds the pid
# of the start.sh that runs (it stays alive while the portal does); a file left by one that died
# is taken over.
take_start_lock() {
  local lock=$1 pid
  mkdir -p "$(dirname "$lock")"
  for _ in 1 2; do
    if (set -o noclobber; echo "$$" >"$lock") 2>/dev/null; then
      trap 'rm -f "'"$lock"'"' EXIT
      return 0
    fi
    pid=$(cat "$lock" 2>/dev/null || true)
    if [ -n "$pid" ] && [ "$pid" != "$$" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'start\.sh'; then
      fail "start.sh is already running for the database folder ${lock%.start.lock} (pid $pid); stop it first (Ctrl+C in its terminal, or kill $pid)"
    fi
    rm -f "$lock"
  done
  fail "cannot take the start lock $lock"
}
