#!/usr/bin/env bash
# `npm start`: installs what is missing, then runs the Temporal dev server, the worker and the API.
# With TEMPORAL_EMBEDDED=false it connects to TEMPORAL_ADDRESS instead of starting a dev server.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

command -v node >/dev/null 2>&1 || die_missing "Node.js" "run the service" "apt-get install nodejs (Node.js 20.19 or newer)"
ensure_node_modules
if [ "${TEMPORAL_EMBEDDED:-true}" != "false" ]; then
  TEMPORAL_CLI_PATH="$(bash scripts/provision-temporal-cli.sh)"
  export TEMPORAL_CLI_PATH
fi
say "building (tsc, then the workflow bundle)"
npm run -s build >/dev/null
exec node dist/src/main.js "$@"
