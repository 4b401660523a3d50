#!/usr/bin/env bash
# Starts a PostgreSQL-backed Temporal cluster on this machine, no Docker: PostgreSQL from Debian's package (installed
# with apt-get when missing), the Temporal server and temporal-sql-tool built with `go install` at the pinned release
# (scripts/provision-temporal-server.sh), the schemas created or updated by the tool (deploy/temporal/setup-schema.sh),
# advanced visibility on PostgreSQL, the namespace and the case search attributes (deploy/temporal/setup-namespace.sh)
# and the dynamic config of deploy/temporal/dynamicconfig. The compose stack runs the same two setup scripts.
#
# Idempotent: starts what does not run yet (so after `kill` of the server it brings the server back on the same
# ports). Data, logs and ports live under .cache/cluster (CLUSTER_DIR); the last lines of stdout are the variables
# to reach it (also written to $CLUSTER_DIR/cluster.env). Stop with scripts/cluster-stop.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

CLUSTER_DIR="${CLUSTER_DIR:-$CACHE_DIR/cluster}"
PG_DIR="$CLUSTER_DIR/postgres"
TEMPORAL_DIR="$CLUSTER_DIR/temporal"
ENV_FILE="$CLUSTER_DIR/cluster.env"
mkdir -p "$CLUSTER_DIR" "$TEMPORAL_DIR/config" "$TEMPORAL_DIR/archival"

# --- tools ------------------------------------------------------------------------------------------------------
pg_bin() {
  local found
  found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}
PG_BIN="$(pg_bin || true)"
if [ -z "$PG_BIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing PostgreSQL (Debian package postgresql)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    PG_BIN="$(pg_bin)"
  else
    die_missing "PostgreSQL" "run the Temporal cluster of npm run test:cluster" "sudo apt-get install postgresql"
  fi
fi
SERVER_BIN_DIR="$(bash scripts/provision-temporal-server.sh)"
TEMPORAL_CLI="$(bash scripts/provision-temporal-cli.sh)"
# The setup scripts call the tools by the names the admin-tools image gives them.
TOOLS_PATH="$SERVER_BIN_DIR:$(dirname "$TEMPORAL_CLI"):$PATH"

# PostgreSQL refuses to run as root: as root (CI, containers) it runs as the `postgres` user the package creates.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# --- ports (chosen once, kept for restarts) ---------------------------------------------------------------------
if [ ! -f "$ENV_FILE" ]; then
  # Ten ports free on loopback, below 32768: Temporal stores membership ports in a SMALLINT column.
  read -r -a free < <(node -e '
    const net = require("node:net");
    const tryPort = (port) => new Promise((resolve) => {
      const server = net.createServer().once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    (async () => {
      const ports = [];
      while (ports.length < 10) {
        const port = 20000 + Math.floor(Math.random() * 12000);
        if (!ports.includes(port) && (await tryPort(port))) ports.push(port);
      }
      console.log(ports.join(" "));
    })();')
  cat > "$ENV_FILE" <<EOF
CLUSTER_PG_PORT=${CLUSTER_PG_PORT:-${free[0]}}
CLUSTER_FRONTEND_PORT=${CLUSTER_FRONTEND_PORT:-${free[1]}}
CLUSTER_FRONTEND_HTTP_PORT=${free[2]}
CLUSTER_HISTORY_PORT=${free[3]}
CLUSTER_MATCHING_PORT=${free[4]}
CLUSTER_WORKER_PORT=${free[5]}
CLUSTER_FRONTEND_MEMBERSHIP_PORT=${free[6]}
CLUSTER_HISTORY_MEMBERSHIP_PORT=${free[7]}
CLUSTER_MATCHING_MEMBERSHIP_PORT=${free[8]}
CLUSTER_WORKER_MEMBERSHIP_PORT=${free[9]}
EOF
fi
# shellcheck disable=SC1090
source "$ENV_FILE"

# --- PostgreSQL ---------------------------------------------------------------------------------------------------
mkdir -p "$PG_DIR"
[ "$(id -u)" = 0 ] && chown postgres: "$PG_DIR"
if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
  say "initialising PostgreSQL ($("$PG_BIN/postgres" --version)) in $PG_DIR/data"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --no-instructions >/dev/null
fi
if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
  say "starting PostgreSQL on 127.0.0.1:$CLUSTER_PG_PORT"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
    -o "-p $CLUSTER_PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c max_connections=200" start >/dev/null
fi
psql_admin() { as_pg "$PG_BIN/psql" -h "$PG_DIR" -p "$CLUSTER_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'temporal'")" != 1 ]; then
  psql_admin -c "CREATE ROLE temporal LOGIN CREATEDB PASSWORD 'temporal'"
fi

# --- schemas ------------------------------------------------------------------------------------------------------
PATH="$TOOLS_PATH" POSTGRES_SEEDS=127.0.0.1 DB_PORT="$CLUSTER_PG_PORT" POSTGRES_USER=temporal POSTGRES_PWD=temporal \
  sh deploy/temporal/setup-schema.sh >"$TEMPORAL_DIR/setup-schema.log" 2>&1 \
  || { cat "$TEMPORAL_DIR/setup-schema.log" >&2; exit 1; }

# --- Temporal server ----------------------------------------------------------------------------------------------
cat > "$TEMPORAL_DIR/config/cluster.yaml" <<EOF
# Written by scripts/cluster-start.sh: the server's static config (the compose stack renders the image's template).
log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
      sql:
        pluginName: postgres12
        databaseName: temporal
        connectAddr: "127.0.0.1:$CLUSTER_PG_PORT"
        connectProtocol: tcp
        user: temporal
        password: temporal
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: 1h
    postgres-visibility:
      sql:
        pluginName: postgres12
        databaseName: temporal_visibility
        connectAddr: "127.0.0.1:$CLUSTER_PG_PORT"
        connectProtocol: tcp
        user: temporal
        password: temporal
        maxConns: 10
        maxIdleConns: 10
        maxConnLifetime: 1h
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
services:
  frontend:
    rpc: { grpcPort: $CLUSTER_FRONTEND_PORT, membershipPort: $CLUSTER_FRONTEND_MEMBERSHIP_PORT, bindOnLocalHost: true, httpPort: $CLUSTER_FRONTEND_HTTP_PORT }
  history:
    rpc: { grpcPort: $CLUSTER_HISTORY_PORT, membershipPort: $CLUSTER_HISTORY_MEMBERSHIP_PORT, bindOnLocalHost: true }
  matching:
    rpc: { grpcPort: $CLUSTER_MATCHING_PORT, membershipPort: $CLUSTER_MATCHING_MEMBERSHIP_PORT, bindOnLocalHost: true }
  worker:
    rpc: { grpcPort: $CLUSTER_WORKER_PORT, membershipPort: $CLUSTER_WORKER_MEMBERSHIP_PORT, bindOnLocalHost: true }
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:$CLUSTER_FRONTEND_PORT"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "$ROOT/deploy/temporal/dynamicconfig/development-sql.yaml"
  pollInterval: 10s
EOF

pid_file="$TEMPORAL_DIR/temporal-server.pid"
running_pid() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null && cat "$pid_file"; }
if ! running_pid >/dev/null; then
  say "starting Temporal server v$TEMPORAL_SERVER_VERSION on 127.0.0.1:$CLUSTER_FRONTEND_PORT"
  # setsid: the server outlives this script and whatever started it, until cluster-stop.sh.
  setsid "$SERVER_BIN_DIR/temporal-server" --root "$TEMPORAL_DIR" --config config --env cluster --allow-no-auth start \
    >>"$TEMPORAL_DIR/temporal-server.log" 2>&1 < /dev/null &
  echo $! > "$pid_file"
fi
server_failed() {
  say "the Temporal server did not start; the end of $TEMPORAL_DIR/temporal-server.log:"
  tail -5 "$TEMPORAL_DIR/temporal-server.log" | cut -c1-400 >&2
  exit 1
}
for _ in $(seq 1 240); do
  kill -0 "$(cat "$pid_file")" 2>/dev/null || server_failed
  "$TEMPORAL_CLI" operator cluster health --address "127.0.0.1:$CLUSTER_FRONTEND_PORT" >/dev/null 2>&1 && break
  sleep 0.5
done
PATH="$TOOLS_PATH" TEMPORAL_ADDRESS="127.0.0.1:$CLUSTER_FRONTEND_PORT" TEMPORAL_NAMESPACE=default \
  sh deploy/temporal/setup-namespace.sh >"$TEMPORAL_DIR/setup-namespace.log" 2>&1 \
  || { cat "$TEMPORAL_DIR/setup-namespace.log" >&2; server_failed; }

{
  echo "TEMPORAL_ADDRESS=127.0.0.1:$CLUSTER_FRONTEND_PORT"
  echo "TEMPORAL_NAMESPACE=default"
  echo "CLUSTER_PG_URL=postgres://temporal:temporal@127.0.0.1:$CLUSTER_PG_PORT/temporal"
  echo "CLUSTER_SERVER_PID=$(cat "$pid_file")"
} | tee "$CLUSTER_DIR/cluster.out"
say "Temporal cluster ready (stop: bash scripts/cluster-stop.sh)"
