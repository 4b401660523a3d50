#!/usr/bin/env bash
# `npm test`: every check CI runs. Installs what is missing, provisions both Temporal servers, then type-checks,
# lints and runs all tests (domain, workflow on the time-skipping server, API, end-to-end on the dev server).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

command -v node >/dev/null 2>&1 || die_missing "Node.js" "run the tests" "apt-get install nodejs (Node.js 20.19 or newer)"
ensure_node_modules
TEMPORAL_CLI_PATH="$(bash scripts/provision-temporal-cli.sh)"
TEMPORAL_TEST_SERVER_PATH="$(bash scripts/provision-test-server.sh)"
export TEMPORAL_CLI_PATH TEMPORAL_TEST_SERVER_PATH

say "type-checking (tsc)"
npx --no-install tsc -p tsconfig.json
npx --no-install tsc -p tsconfig.build.json --noEmit
say "linting (eslint)"
npx --no-install eslint .
say "testing (vitest)"
results="$CACHE_DIR/vitest-results.json"
mkdir -p "$CACHE_DIR"
rm -f "$results"
status=0
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# One plain closing line that any CI reads: "tests: N passed, N failed".
if [ -f "$results" ]; then
  node -e 'const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    const brokenFiles = r.numFailedTestSuites ? `, ${r.numFailedTestSuites} suites failed (a hook or a file that did not run)` : "";
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : "") + brokenFiles);' "$results"
fi
exit "$status"
