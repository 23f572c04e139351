#!/usr/bin/env bash
# Starts the local PostgreSQL cluster for the storage tests (no systemd:
# pg_ctlcluster), creating it if the machine has none, and makes sure the
# current user can create schemas in the database redress_test over the unix socket.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
[ -n "$version" ] || { echo "PostgreSQL server not installed (packaging/install-deps.sh)" >&2; exit 1; }
# Outputs are read whole before matching: grep -q closing a pipe early would
# fail the pipeline under pipefail.
clusters=$(pg_lsclusters -h)
if ! awk -v v="$version" '$1 == v && $2 == "main" {found = 1} END {exit !found}' <<<"$clusters"; then
  pg_createcluster "$version" main >/dev/null
  clusters=$(pg_lsclusters -h)
fi
if ! awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online" {found = 1} END {exit !found}' <<<"$clusters"; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 100); do
  pg_isready -q -h /var/run/postgresql && break
  sleep 0.1
done
pg_isready -h /var/run/postgresql
user=$(id -un)
as_postgres() { if [ "$user" = postgres ]; then "$@"; else su postgres -c "$(printf '%q ' "$@")"; fi; }
if [ "$(as_postgres psql -h /var/run/postgresql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != 1 ]; then
  as_postgres createuser -h /var/run/postgresql --superuser "$user"
fi
if [ "$(psql -h /var/run/postgresql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'redress_test'")" != 1 ]; then
  createdb -h /var/run/postgresql redress_test
fi
echo "PostgreSQL $version ready: postgresql:///redress_test?host=/var/run/postgresql"
