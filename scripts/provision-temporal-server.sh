#!/usr/bin/env bash
# Prints the folder that holds `temporal-server` and `temporal-sql-tool` (Temporal server v$TEMPORAL_SERVER_VERSION),
# building both once with `go install` from the Go module proxy. Used by scripts/cluster-start.sh.
# The binaries are cached under .cache/temporal-server/v<version>; Go's own build cache (GOCACHE) is left where the
# machine keeps it, so the CLI's build and this one share compiled packages.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir="$CACHE_DIR/temporal-server/v$TEMPORAL_SERVER_VERSION"
if [ -x "$dir/temporal-server" ] && [ -x "$dir/temporal-sql-tool" ]; then
  echo "$dir"; exit 0
fi

command -v go >/dev/null 2>&1 || die_missing "Go" "build the Temporal server (v$TEMPORAL_SERVER_VERSION) for the cluster tests" \
  "apt-get install golang-go (Go 1.25 or newer)"

say "building Temporal server v$TEMPORAL_SERVER_VERSION and temporal-sql-tool with go install (first run only)"
mkdir -p "$dir"
tmp="$(mktemp -d "$dir/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
started=$SECONDS
# nice: the build shares the machine with the tests; one `go install` for both so shared packages compile once.
CGO_ENABLED=0 GOBIN="$tmp" GOFLAGS="${GOFLAGS:-} -buildvcs=false" nice -n 5 go install -ldflags "-s -w" \
  "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION" \
  "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION" >&2
mv "$tmp/server" "$dir/temporal-server"
mv "$tmp/sql" "$dir/temporal-sql-tool"
say "Temporal server ready: $("$dir/temporal-server" --version 2>/dev/null | head -1) (built in $((SECONDS - started)) s)"
echo "$dir"
