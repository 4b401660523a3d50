#!/usr/bin/env bash
# Prints the path of a Temporal CLI (dev server) binary, building it once if needed.
# Order: $TEMPORAL_CLI_PATH, then `temporal` on PATH, then the project's cached build from the Go module proxy.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then
  [ -x "$TEMPORAL_CLI_PATH" ] || { echo "[setup] TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not an executable file" >&2; exit 3; }
  echo "$TEMPORAL_CLI_PATH"; exit 0
fi
if command -v temporal >/dev/null 2>&1; then
  command -v temporal; exit 0
fi

dir="$CACHE_DIR/temporal-cli/v$TEMPORAL_CLI_VERSION"
bin="$dir/temporal"
if [ -x "$bin" ]; then
  echo "$bin"; exit 0
fi

command -v go >/dev/null 2>&1 || die_missing "Go" "build the Temporal dev server (temporal CLI v$TEMPORAL_CLI_VERSION)" \
  "apt-get install golang-go (Go 1.24 or newer), or put an existing 'temporal' binary on PATH / in TEMPORAL_CLI_PATH"

say "building Temporal CLI v$TEMPORAL_CLI_VERSION with go install (first run only, a few minutes)"
mkdir -p "$dir"
tmp="$(mktemp -d "$dir/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 GOBIN="$tmp" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install \
  -ldflags "-s -w -X github.com/temporalio/cli/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
  "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION" >&2
mv "$tmp/temporal" "$bin"
say "Temporal CLI ready: $("$bin" --version)"
echo "$bin"
