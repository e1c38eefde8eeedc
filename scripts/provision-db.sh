#!/usr/bin/env bash
# Provisions the database cvtailor needs, idempotently.
#
#  * DB_URL set (jdbc:postgresql://host:port/db, with DB_USER / DB_PASSWORD): that server is only
#    checked — PostgreSQL >= 15 and pgvector >= 0.8 — and nothing is installed.
#  * Otherwise a local PostgreSQL 15 from Debian is installed and started if needed, pgvector is
#    built from Debian's source package when no binary package exists — verified against Debian's
#    archive keys (scripts/pgvector-source.sh; check it with scripts/test-pgvector-source.sh) and
#    compiled as an unprivileged user; the system's apt sources are left untouched (a private apt
#    directory is used) — and the role, database, extension and
#    the test template database are created. Credentials are generated once and kept outside the
#    repository in $CVTAILOR_HOME/db.env (default ~/.cvtailor/db.env, mode 600).
#
# A second run is a no-op that takes seconds.
set -euo pipefail

PG_MAJOR=${PG_MAJOR:-15}
MIN_PGVECTOR=0.8.0
CVTAILOR_HOME=${CVTAILOR_HOME:-$HOME/.cvtailor}
CREDENTIALS_FILE="$CVTAILOR_HOME/db.env"
LOCAL_DB=${CVTAILOR_DB_NAME:-cvtailor}
LOCAL_ROLE=${CVTAILOR_DB_ROLE:-cvtailor}
TEMPLATE_DB=cvtailor_template

say() { printf '[db] %s\n' "$*"; }
fail() { printf '[db] ERROR: %s\n' "$*" >&2; exit 1; }

version_at_least() { # $1 >= $2 (dotted versions)
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@";
  else fail "this step needs root (or sudo): $*"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@"; }

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { say "apt-get update"; as_root apt-get update -qq; apt_updated=1; }
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# ---------------------------------------------------------------------------------------------
# Remote (or explicitly configured) server: check only.
# ---------------------------------------------------------------------------------------------
check_configured_server() {
  command -v psql >/dev/null || apt_install postgresql-client
  local rest hostport db host port
  rest=${DB_URL#jdbc:postgresql://}
  [ "$rest" != "$DB_URL" ] || fail "DB_URL must look like jdbc:postgresql://host:port/database (got '$DB_URL')"
  hostport=${rest%%/*}; db=${rest#*/}; db=${db%%\?*}
  host=${hostport%%:*}; port=5432; [ "$hostport" = "$host" ] || port=${hostport##*:}
  say "checking configured server $host:$port/$db as ${DB_USER:-<no user>}"
  local q=(env PGPASSWORD="${DB_PASSWORD:-}" PGCONNECT_TIMEOUT=10 psql -X -At -h "$host" -p "$port" -U "${DB_USER:-postgres}" -d "$db")
  local server_num
  server_num=$("${q[@]}" -c 'SHOW server_version_num' 2>&1) \
    || fail "cannot connect to $host:$port/$db: $server_num"
  [ "$server_num" -ge 150000 ] || fail "PostgreSQL >= 15 required, $host:$port runs $server_num"
  local ext avail
  ext=$("${q[@]}" -c "SELECT extversion FROM pg_extension WHERE extname = 'vector'")
  if [ -z "$ext" ]; then
    avail=$("${q[@]}" -c "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'")
    if [ -z "$avail" ]; then
      fail "pgvector is not installed on $host:$port. Install pgvector >= $MIN_PGVECTOR on that server, then run: CREATE EXTENSION vector; in database $db"
    fi
    fail "pgvector $avail is available but not enabled in database $db. As a superuser run: CREATE EXTENSION vector; in $db"
  fi
  version_at_least "$ext" "$MIN_PGVECTOR" || fail "pgvector >= $MIN_PGVECTOR required in $db, found $ext (ALTER EXTENSION vector UPDATE)"
  say "OK: PostgreSQL $server_num, pgvector $ext in $db"
}

# ---------------------------------------------------------------------------------------------
# Local server
# ---------------------------------------------------------------------------------------------
ensure_postgresql_installed() {
  if [ -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ]; then return; fi
  say "PostgreSQL $PG_MAJOR is not installed: installing Debian's packages"
  apt_install "postgresql-$PG_MAJOR" "postgresql-client-$PG_MAJOR"
}

ensure_cluster_running() {
  if ! pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" '$1 == v' | grep -q .; then
    say "creating cluster $PG_MAJOR/main"
    as_root pg_createcluster "$PG_MAJOR" main >/dev/null
  fi
  local line; line=$(pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1 == v' | head -n1)
  PG_CLUSTER=$(echo "$line" | awk '{print $2}')
  PG_PORT=$(echo "$line" | awk '{print $3}')
  if ! echo "$line" | awk '{print $4}' | grep -q online; then
    say "starting cluster $PG_MAJOR/$PG_CLUSTER"
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" "$PG_CLUSTER" start
  fi
  for _ in $(seq 1 30); do
    as_postgres pg_isready -q -p "$PG_PORT" && return
    sleep 1
  done
  fail "PostgreSQL $PG_MAJOR/$PG_CLUSTER did not become ready on port $PG_PORT"
}

installed_pgvector_version() {
  local control="/usr/share/postgresql/$PG_MAJOR/extension/vector.control"
  if [ -f "$control" ]; then sed -n "s/^default_version = '\(.*\)'/\1/p" "$control"; fi
}

# fetch_pgvector_source: pgvector's Debian source, verified against Debian's archive keys.
SCRIPTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=pgvector-source.sh source-path=SCRIPTDIR
. "$SCRIPTS_DIR/pgvector-source.sh"

build_pgvector_from_source() {
  say "building pgvector from Debian's source package ($PGVECTOR_SUITE), verified with Debian's archive keys"
  apt_install "postgresql-server-dev-$PG_MAJOR" dpkg-dev make gcc debian-archive-keyring
  local work orig
  work=$(mktemp -d)
  mkdir -p "$work/src" "$work/build"
  chmod 755 "$work"
  orig=$(as_root bash -c ". '$SCRIPTS_DIR/pgvector-source.sh' && fetch_pgvector_source '$work/src'") \
    || fail "pgvector's source package did not verify against Debian's archive keys (see above); nothing was built"
  tar -xf "$orig" -C "$work/build" --strip-components=1
  # Compiled as an unprivileged user: only the final install (copying files into PostgreSQL's
  # directories) runs as root.
  local builder=nobody
  as_root chown -R "$builder" "$work/build"
  say "compiling $(basename "$orig") as $builder"
  as_root runuser -u "$builder" -- make -s -C "$work/build" PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null 2>&1 \
    || fail "pgvector build failed (see make -C $work/build)"
  as_root make -s -C "$work/build" install PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null
  as_root rm -rf "$work"
}

ensure_pgvector_installed() {
  local v; v=$(installed_pgvector_version)
  if [ -n "$v" ] && version_at_least "$v" "$MIN_PGVECTOR"; then return; fi
  [ -z "$apt_updated" ] && { as_root apt-get update -qq; apt_updated=1; }
  if apt-cache show "postgresql-$PG_MAJOR-pgvector" >/dev/null 2>&1 \
     && version_at_least "$(apt-cache show "postgresql-$PG_MAJOR-pgvector" | sed -n 's/^Version: \([0-9.]*\).*/\1/p' | head -n1)" "$MIN_PGVECTOR"; then
    apt_install "postgresql-$PG_MAJOR-pgvector"
  else
    build_pgvector_from_source
  fi
  v=$(installed_pgvector_version)
  if [ -z "$v" ] || ! version_at_least "$v" "$MIN_PGVECTOR"; then
    fail "pgvector >= $MIN_PGVECTOR could not be installed (found '${v:-none}')"
  fi
  say "pgvector $v installed"
}

ensure_credentials() {
  mkdir -p "$CVTAILOR_HOME"; chmod 700 "$CVTAILOR_HOME"
  if [ ! -f "$CREDENTIALS_FILE" ]; then
    local password; password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
    umask 077
    cat > "$CREDENTIALS_FILE" <<CREDS
# Written by scripts/provision-db.sh for the local development database.
DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$LOCAL_DB
DB_USER=$LOCAL_ROLE
DB_PASSWORD=$password
CREDS
    say "credentials written to $CREDENTIALS_FILE"
  fi
  # shellcheck disable=SC1090
  . "$CREDENTIALS_FILE"
}

ensure_role_database_extension() {
  local escaped_password=${DB_PASSWORD//\'/\'\'}
  if [ -z "$(psql_admin -At -c "SELECT 1 FROM pg_roles WHERE rolname = '$LOCAL_ROLE'")" ]; then
    say "creating role $LOCAL_ROLE"
    psql_admin -c "CREATE ROLE \"$LOCAL_ROLE\" LOGIN CREATEDB PASSWORD '$escaped_password'"
  else
    # Keep the role's password in step with the credentials file (cheap, and heals a lost file).
    psql_admin -c "ALTER ROLE \"$LOCAL_ROLE\" LOGIN CREATEDB PASSWORD '$escaped_password'"
  fi
  local db
  for db in "$LOCAL_DB" "$TEMPLATE_DB"; do
    if [ -z "$(psql_admin -At -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      say "creating database $db"
      psql_admin -c "CREATE DATABASE \"$db\" OWNER \"$LOCAL_ROLE\""
    fi
    psql_admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS vector" 2>&1 | grep -v 'already exists' || true
    psql_admin -d "$db" -c "ALTER EXTENSION vector UPDATE" >/dev/null 2>&1 || true
  done
  # Test runs clone this template so that their throw-away databases have pgvector without superuser rights.
  psql_admin -c "UPDATE pg_database SET datistemplate = true WHERE datname = '$TEMPLATE_DB' AND NOT datistemplate" >/dev/null
  local ext; ext=$(psql_admin -At -d "$LOCAL_DB" -c "SELECT extversion FROM pg_extension WHERE extname = 'vector'")
  say "OK: PostgreSQL $PG_MAJOR on 127.0.0.1:$PG_PORT, database $LOCAL_DB (pgvector $ext), template $TEMPLATE_DB, role $LOCAL_ROLE"
  say "credentials: $CREDENTIALS_FILE"
}

if [ -n "${DB_URL:-}" ]; then
  check_configured_server
else
  command -v apt-get >/dev/null || fail "no DB_URL given and this is not a Debian-like system: set DB_URL, DB_USER and DB_PASSWORD to a PostgreSQL >= 15 with pgvector >= $MIN_PGVECTOR"
  ensure_postgresql_installed
  ensure_cluster_running
  ensure_pgvector_installed
  ensure_credentials
  ensure_role_database_extension
fi
