#!/usr/bin/env bash
# Stops the project-local PostgreSQL cluster that start.sh runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/postgres.sh"
data=${NEWSPORTAL_DATA_DIR:-$root/.data/postgres}
pg_stop "${data%/}"
