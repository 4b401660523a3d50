#!/bin/sh
# Creates Temporal's two PostgreSQL databases (persistence and advanced visibility) and brings their schemas to the
# version the server release expects, with the release's own temporal-sql-tool and its embedded schemas.
# Idempotent: safe on every start. Run by scripts/cluster-start.sh and by the compose stack's schema-setup job
# (temporalio/admin-tools image), so both set up the same way.
# Env: POSTGRES_SEEDS (host), DB_PORT, POSTGRES_USER, POSTGRES_PWD.
set -eu
: "${POSTGRES_SEEDS:?host of the PostgreSQL server}" "${POSTGRES_USER:?}" "${POSTGRES_PWD:?}"

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" \
    -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" "$@"
}

for pair in temporal:temporal temporal_visibility:visibility; do
  db="${pair%%:*}"
  schema="postgresql/v12/${pair#*:}"
  # CREATE DATABASE has no IF NOT EXISTS in PostgreSQL: an existing database is the one expected.
  if ! out="$(sql_tool --db "$db" create-database 2>&1)"; then
    case "$out" in
      *"already exists"*) ;;
      *) echo "$out" >&2; exit 1 ;;
    esac
  fi
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema --schema-name "$schema"
done
echo "Temporal schemas ready on $POSTGRES_SEEDS:${DB_PORT:-5432}"
