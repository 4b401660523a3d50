#!/usr/bin/env bash
# Stops what scripts/cluster-start.sh started: the Temporal server, then PostgreSQL. Keeps the data (the next start
# finds the cases); `--wipe` deletes it too.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CLUSTER_DIR="${CLUSTER_DIR:-$CACHE_DIR/cluster}"
pid_file="$CLUSTER_DIR/temporal/temporal-server.pid"
if [ -f "$pid_file" ]; then
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "Temporal server stopped"
  fi
  rm -f "$pid_file"
fi

data="$CLUSTER_DIR/postgres/data"
if [ -f "$data/postmaster.pid" ]; then
  pg_ctl="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)/pg_ctl"
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
  else "$pg_ctl" -D "$data" -m fast -w stop >/dev/null || true; fi
  say "PostgreSQL stopped"
fi

if [ "${1:-}" = "--wipe" ]; then
  rm -rf "$CLUSTER_DIR"
  say "cluster data deleted ($CLUSTER_DIR)"
fi
