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

# The CLI's go.mod says `go 1.25.0`. Go 1.21 and newer fetch that toolchain themselves (GOTOOLCHAIN=auto, from the Go
# module proxy); an older Go cannot build it. Debian 12's golang-go is 1.19, so it is no answer here.
GO_HINT="a Go new enough for temporal CLI v$TEMPORAL_CLI_VERSION (Go $TEMPORAL_CLI_GO or newer). With any Go installed:
            go install golang.org/dl/go$TEMPORAL_CLI_GO@latest && \$(go env GOPATH)/bin/go$TEMPORAL_CLI_GO download
            export PATH=\"\$HOME/sdk/go$TEMPORAL_CLI_GO/bin:\$PATH\"
          or the Go $TEMPORAL_CLI_GO+ archive from https://go.dev/dl/ (Debian 12's golang-go is 1.19: too old);
          or put an existing 'temporal' binary on PATH / in TEMPORAL_CLI_PATH"
command -v go >/dev/null 2>&1 || die_missing "Go" "build the Temporal dev server (temporal CLI v$TEMPORAL_CLI_VERSION)" "$GO_HINT"
go_version="$(go env GOVERSION 2>/dev/null || true)"
if ! go_at_least "$go_version" 1.21; then
  printf '\n[setup] %s is too old to build the Temporal dev server (temporal CLI v%s needs Go %s; Go 1.21+ fetches it itself).\n' \
    "${go_version:-this Go}" "$TEMPORAL_CLI_VERSION" "$TEMPORAL_CLI_GO" >&2
  printf '[setup] Install %s\n\n' "$GO_HINT" >&2
  exit 3
fi

say "building Temporal CLI v$TEMPORAL_CLI_VERSION with go install (first run only, a few minutes)"
mkdir -p "$dir"
tmp="$(mktemp -d "$dir/.build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 GOBIN="$tmp" GOFLAGS="${GOFLAGS:-} -buildvcs=false" go install \
  -ldflags "-s -w -X github.com/temporalio/cli/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
  "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION" >&2 || {
  printf '\n[setup] go install failed with %s. If it could not fetch Go %s, install %s\n\n' "$go_version" "$TEMPORAL_CLI_GO" "$GO_HINT" >&2
  exit 3
}
mv "$tmp/temporal" "$bin"
say "Temporal CLI ready: $("$bin" --version)"
echo "$bin"
