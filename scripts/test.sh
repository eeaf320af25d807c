#!/usr/bin/env bash
# Runs the whole test suite: unit and golden-file tests, integration tests against a throwaway
# PostgreSQL cluster, feed checks with Python's feedparser, browser tests in headless Chromium.
# Installs what is missing (PostgreSQL, Chromium, a Chinese font, python3-feedparser, newsboat and
# sqlite3 for the feed-client checks, tzdata for country time zones) from Debian's packages.
# Each step prints one line; ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/checks.sh
source scripts/postgres.sh
source scripts/build.sh

# A step that cannot be done ends the run with its one error line and the summary line.
setup_failed() {
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
}

step "checking tools"
(need_dotnet) || setup_failed
pg_ensure_installed || setup_failed
missing=()
command -v python3 >/dev/null 2>&1 && [ -x /usr/bin/python3 ] || missing+=(python3)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Without a Chinese font the browser tests' screenshots show boxes instead of characters.
[ -n "$(fc-list :lang=zh 2>/dev/null || true)" ] || missing+=(fonts-wqy-microhei)
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || missing+=(python3-feedparser)
command -v newsboat >/dev/null 2>&1 || missing+=(newsboat)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
# Country time zones (a .fr page's zone-less time is Paris time): the parser tests read them from tzdata.
[ -e /usr/share/zoneinfo/Europe/Paris ] || missing+=(tzdata)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]} from Debian packages"
  apt_install "${missing[@]}" || setup_failed
fi

# A fresh cluster per run, on a free port: tests never touch the portal's own database.
results=$(mktemp -d /tmp/newsportal-test-results.XXXXXX)
step "starting a throwaway PostgreSQL"
pg_throwaway || setup_failed
echo "    port $NEWSPORTAL_THROWAWAY_PORT, log: $NEWSPORTAL_THROWAWAY_PG/server.log (removed at the end)"
# Request-per-line logs of the apps under test would drown the test output; failures still show.
export Serilog__MinimumLevel__Default=Warning
# Every test app would otherwise watch its appsettings files for changes: hundreds of test hosts
# exhaust the user's inotify instances (128 by default) and later hosts fail to start.
export DOTNET_hostBuilder__reloadConfigOnChange=false
# The same for wwwroot: versioned links (asp-append-version) watch their files. Polling instead of
# inotify, so that the tests pass beside anything else the user runs that holds instances.
export DOTNET_USE_POLLING_FILE_WATCHER=1

step "restoring packages"
if ! restore_solution; then
  echo "error: restoring packages failed (the lines above say which package)" >&2
  setup_failed
fi
step "building (Release)"
if ! build_release --no-restore; then
  echo "error: the build failed (the errors are above)" >&2
  setup_failed
fi

step "running the tests"
set +e
dotnet test NewsPortal.sln --no-build -c Release --nologo -v q \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results"
status=$?
set -e

# Sum the counters of every test project's TRX report.
read -r passed failed skipped < <(/usr/bin/python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
rm -rf "$results"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
