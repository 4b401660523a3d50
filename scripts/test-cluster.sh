#!/usr/bin/env bash
# `npm run test:cluster`: the end-to-end suites on the production engine. Provisions and starts a PostgreSQL-backed
# Temporal cluster (scripts/cluster-start.sh, from the test's global setup), builds the service as production does,
# runs the API and two workers as separate processes, and stops the cluster at the end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

command -v node >/dev/null 2>&1 || die_missing "Node.js" "run the tests" "apt-get install nodejs (Node.js 20.19 or newer)"
ensure_node_modules
started=$SECONDS
# Provisioned here, before the clock of any test starts: the first run builds the server with Go (minutes).
bash scripts/provision-temporal-server.sh >/dev/null
bash scripts/provision-temporal-cli.sh >/dev/null
say "Temporal server and CLI ready after $((SECONDS - started)) s"

results="$CACHE_DIR/vitest-cluster-results.json"
mkdir -p "$CACHE_DIR"
rm -f "$results"
status=0
npx --no-install vitest run --config vitest.cluster.config.mts --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
if [ -f "$results" ]; then
  node -e 'const r = require(process.argv[1]);
    const broken = r.numFailedTestSuites ? `, ${r.numFailedTestSuites} suites failed (a hook or a file that did not run)` : "";
    console.log(`cluster: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + broken);' "$results"
fi
say "cluster tests took $((SECONDS - started)) s in all"
exit "$status"
