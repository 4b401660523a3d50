#!/bin/sh
# Creates the namespace (if missing) and registers the case search attributes listed in search-attributes.txt beside
# this file (if missing). Idempotent. Run by scripts/cluster-start.sh and by the compose stack's namespace job.
# Env: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE (default: default), NAMESPACE_RETENTION (default: 30d).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
ns="${TEMPORAL_NAMESPACE:-default}"
: "${TEMPORAL_ADDRESS:?host:port of the Temporal frontend}"
export TEMPORAL_ADDRESS

tries=0
until temporal operator cluster health >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 120 ] || { echo "Temporal at $TEMPORAL_ADDRESS is not serving" >&2; exit 1; }
  sleep 1
done
if ! temporal operator namespace describe --namespace "$ns" >/dev/null 2>&1; then
  temporal operator namespace create --namespace "$ns" --retention "${NAMESPACE_RETENTION:-30d}"
fi
# A new namespace reaches the frontend's namespace cache within seconds: retry until it lists its attributes.
tries=0
until existing="$(temporal operator search-attribute list --namespace "$ns" 2>/dev/null)"; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "namespace $ns is not served" >&2; exit 1; }
  sleep 1
done
grep -v '^#' "$here/search-attributes.txt" | while read -r name type; do
  [ -n "$name" ] || continue
  if ! printf '%s\n' "$existing" | grep -qw "$name"; then
    temporal operator search-attribute create --namespace "$ns" --name "$name" --type "$type"
  fi
done
echo "Namespace $ns ready with the case search attributes"
