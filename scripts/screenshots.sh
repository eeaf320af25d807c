#!/usr/bin/env bash
# Remakes the README's screenshots (docs/screenshots/*.jpg) from the Chromium tests that take them:
# a throwaway PostgreSQL cluster, a Release build, the article and story page tests, then a copy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/postgres.sh
source scripts/build.sh
pg_ensure_installed
pg_throwaway
export Serilog__MinimumLevel__Default=Warning
build_release
shots=tests/NewsPortal.BrowserTests/bin/Release/net10.0/screenshots
rm -f "$shots"/readme-*.jpg
dotnet test tests/NewsPortal.BrowserTests --no-build -c Release --nologo -v q --filter "FullyQualifiedName~ArticlePageTests"
mkdir -p docs/screenshots
cp "$shots"/readme-*.jpg docs/screenshots/
ls -la docs/screenshots
