#!/usr/bin/env bash
# Quick start: PostgreSQL (installed if missing) with a project-local cluster under .data/,
# the schema migrated, the samples in samples/ ingested, and the portal on http://localhost:5000.
# Each step prints one line; a failure prints one line saying what to do or which log to read.
# Settings: NEWSPORTAL_URLS, NEWSPORTAL_PG_PORT, NEWSPORTAL_DATA_DIR (docs/operations.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/checks.sh
source scripts/postgres.sh
source scripts/build.sh

port=${NEWSPORTAL_PG_PORT:-55432}
data=${NEWSPORTAL_DATA_DIR:-$root/.data/postgres}
data=${data%/}
urls=${NEWSPORTAL_URLS:-http://localhost:5000}
logs=$root/.data/logs
mkdir -p "$logs"

step "checking tools and ports (web $urls, database port $port)"
need_dotnet
take_start_lock "$data.start.lock"
check_web_ports "$urls"
check_db_port "$data" "$port"
pg_ensure_installed || exit 1

step "PostgreSQL in $data on port $port"
state=$(pg_start "$data" "$port") || exit 1
echo "    $state; its log: $(readlink -f "$data")/server.log"

step "database newsportal"
state=$(pg_create_database "$port" newsportal) || exit 1
echo "    $state"
export ConnectionStrings__NewsPortal="Host=127.0.0.1;Port=$port;Database=newsportal;Username=postgres"

step "restoring packages (log: $logs/build.log)"
restore_solution >"$logs/build.log" 2>&1 || {
  grep -E 'error' "$logs/build.log" | sort -u | head -n 5 >&2
  fail "restoring packages failed; read $logs/build.log"
}
step "building (Release)"
build_release --no-restore >>"$logs/build.log" 2>&1 || {
  grep -E ': error ' "$logs/build.log" | sort -u | head -n 5 >&2
  fail "the build failed; read $logs/build.log"
}

step "migrating the schema (log: $logs/ingestion.log)"
scripts/np migrate 2>>"$logs/ingestion.log" | sed 's/^/    /' || fail "migrating failed; read $logs/ingestion.log"
step "ingesting samples/ (again is a no-op)"
scripts/np ingest samples/ 2>>"$logs/ingestion.log" | sed 's/^/    /' || fail "ingesting the samples failed; read $logs/ingestion.log"

step "starting the web app"
# From its project folder: the content root, where wwwroot/ and appsettings.json are.
(cd src/NewsPortal.Web && exec dotnet bin/Release/net10.0/NewsPortal.Web.dll --urls "$urls") &
web=$!
trap 'kill -TERM "$web" 2>/dev/null || true; wait "$web" 2>/dev/null || true' INT TERM
url_ports "$urls"
first_port=${URL_PORTS[0]}
for _ in $(seq 1 120); do
  port_in_use "$first_port" && break
  kill -0 "$web" 2>/dev/null || fail "the web app stopped before it listened; its last lines are above"
  sleep 0.5
done
port_in_use "$first_port" || fail "the web app did not listen on port $first_port within 60 s; its lines are above"
echo "NewsPortal listening on $urls (Ctrl+C stops it; the database keeps running: scripts/stop-db.sh)"
wait "$web"
