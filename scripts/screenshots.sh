#!/usr/bin/env bash
# Remakes the README's screenshots (docs/screenshots/*.jpg) from the Chromium tests that take them:
# a throwaway PostgreSQL cluster, a Release build, the article and story page tests, then a copy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/postgres.sh
source scripts/build.sh
pg_ensure_installed
data=$(mktemp -d /tmp/newsportal-shots-pg.XXXXXX)
cleanup() { pg_stop "$data"; rm -rf "$data"; }
trap cleanup EXIT
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NEWSPORTAL_PG_FSYNC=off pg_start "$data" "$port"
export NEWSPORTAL_TEST_DB="Host=127.0.0.1;Port=$port;Username=postgres"
export Serilog__MinimumLevel__Default=Warning
build_release
shots=tests/NewsPortal.BrowserTests/bin/Release/net10.0/screenshots
rm -f "$shots"/readme-*.jpg
dotnet test tests/NewsPortal.BrowserTests --no-build -c Release --nologo -v q --filter "FullyQualifiedName~ArticlePageTests"
mkdir -p docs/screenshots
cp "$shots"/readme-*.jpg docs/screenshots/
ls -la docs/screenshots
