#!/usr/bin/env bash
# Install and start a local PostgreSQL for the store tests, idempotently.
# Prints the line to eval:  eval "$(.ci/pg-setup.sh)"  ->  export COMMUNIQUE_TEST_PG=postgresql://...
set -euo pipefail

PG_USER="${COMMUNIQUE_PG_USER:-communique}"
PG_PASSWORD="${COMMUNIQUE_PG_PASSWORD:-communique}"
PG_DB="${COMMUNIQUE_PG_DB:-communique_test}"

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v pg_lsclusters >/dev/null 2>&1; then
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${version:-}" ]; then
    version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
    cluster=main
    as_root pg_createcluster "$version" "$cluster" >&2
    read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
fi
if [ "$status" != "online" ]; then
    as_root pg_ctlcluster "$version" "$cluster" start >&2
fi

psql_admin() {
    as_root su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qtAX $(printf '%q ' "$@")"
}

for _ in $(seq 1 30); do
    psql_admin -c "select 1" >/dev/null 2>&1 && break
    sleep 1
done

if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$PG_USER'")" != "1" ]; then
    psql_admin -c "create role $PG_USER login createdb password '$PG_PASSWORD'" >&2
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname = '$PG_DB'")" != "1" ]; then
    psql_admin -c "create database $PG_DB owner $PG_USER" >&2
fi

echo "export COMMUNIQUE_TEST_PG=postgresql://$PG_USER:$PG_PASSWORD@localhost:$port/$PG_DB"
