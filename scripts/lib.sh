# Shared helpers for the project's shell scripts. Sourced, never run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${CASE_DEADLINES_CACHE_DIR:-$ROOT/.cache}"

# Pinned versions: v1.5.1 is the last Temporal CLI whose go.mod allows `go install`.
TEMPORAL_CLI_VERSION="1.5.1"
# The cluster's Temporal server: the release the CLI above embeds (its go.mod), so the dev server and the
# PostgreSQL-backed cluster run the same engine. docker-compose.yml pins the same image tag (a test compares).
TEMPORAL_SERVER_VERSION="1.29.1"
# The Go its go.mod names (`go 1.25.0`): what building it with `go install` needs.
TEMPORAL_CLI_GO="1.25.0"
TEMPORAL_TEST_SERVER_VERSION="$(sed -n 's:.*<temporal.test-server.version>\(.*\)</temporal.test-server.version>.*:\1:p' "$ROOT/tools/temporal-test-server/pom.xml")"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# die_missing TOOL WHAT-FOR HOW-TO-INSTALL
die_missing() {
  printf '\n[setup] %s is not installed, and it is needed to %s.\n' "$1" "$2" >&2
  printf '[setup] Install it and run the command again, for example:\n          %s\n\n' "$3" >&2
  exit 3
}

# go_at_least GOVERSION MAJOR.MINOR: whether `go env GOVERSION` (go1.19.8, go1.25rc1) is at least MAJOR.MINOR.
go_at_least() {
  local have="${1#go}" want="$2"
  [[ "$have" =~ ^([0-9]+)\.([0-9]+) ]] || return 1
  local major="${BASH_REMATCH[1]}" minor="${BASH_REMATCH[2]}"
  [ "$major" -gt "${want%%.*}" ] || { [ "$major" -eq "${want%%.*}" ] && [ "$minor" -ge "${want#*.}" ]; }
}

# Ensures node_modules matches package-lock.json (npm ci when missing or stale).
ensure_node_modules() {
  local stamp="$ROOT/node_modules/.package-lock.sha256"
  local want
  want="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  command -v npm >/dev/null 2>&1 || die_missing "npm" "install the project's packages" "apt-get install nodejs npm (Node.js 20.19 or newer)"
  say "installing npm packages (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}
