#!/usr/bin/env bash
# Quick start: PostgreSQL (installed if missing) with a project-local cluster under .data/,
# the schema migrated, the samples in samples/ ingested, and the portal on http://localhost:5000.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/postgres.sh
source scripts/build.sh

port=${NEWSPORTAL_PG_PORT:-55432}
data=${NEWSPORTAL_DATA_DIR:-$root/.data/postgres}
pg_ensure_installed
pg_start "$data" "$port"
pg_create_database "$port" newsportal
export ConnectionStrings__NewsPortal="Host=127.0.0.1;Port=$port;Database=newsportal;Username=postgres"

build_release >/dev/null
# Ingesting the samples again is a no-op: the store recognises what it already has.
dotnet run --no-build -c Release --project src/NewsPortal.Ingestion -- ingest samples/
echo "NewsPortal on http://localhost:5000 (Ctrl+C stops the portal; the database keeps running: scripts/stop-db.sh)"
exec dotnet run --no-build -c Release --project src/NewsPortal.Web -- --urls "${NEWSPORTAL_URLS:-http://localhost:5000}"
