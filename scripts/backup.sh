#!/usr/bin/env bash
# Backup and restore of cvtailor's data (./cvtailor backup FILE, ./cvtailor restore [--force] FILE).
#
#   backup FILE             pg_dump in custom format (-Fc) of the application's schemas — each
#                           module's tables and its Flyway history — from the database in DB_URL.
#   restore [--force] FILE  into the database in DB_URL: created when missing (from the
#                           cvtailor_template database when the server has it, so pgvector comes
#                           without superuser rights), refused when it already holds cvtailor's
#                           tables unless --force (which drops those schemas first). pg_restore
#                           loads the data before it builds the indexes, so every vector (HNSW)
#                           index is built once over the restored rows; then ANALYZE.
#
# DB_URL (jdbc:postgresql://host:port/database), DB_USER and DB_PASSWORD come from the environment,
# as the launcher loads them (load_db_settings). Progress goes to stderr. Docs: docs/operations.md.
set -euo pipefail

# The module schemas, as app-war's SchemaMigrations migrates them (each holds its own
# flyway_schema_history). pgvector itself lives in the database (extension), not in a dump.
SCHEMAS=(artifacts embeddings search cv identity documents)
TEMPLATE_DB=cvtailor_template

say() { printf '[cvtailor] %s\n' "$*" >&2; }
die() { printf '[cvtailor] ERROR: %s\n' "$*" >&2; exit 1; }

parse_db_url() {
  local rest hostport
  rest=${DB_URL#jdbc:postgresql://}
  [ "$rest" != "$DB_URL" ] || die "DB_URL must look like jdbc:postgresql://host:port/database (got '$DB_URL')"
  hostport=${rest%%/*}
  DB_NAME=${rest#*/}
  DB_NAME=${DB_NAME%%\?*}
  DB_HOST=${hostport%%:*}
  DB_PORT=5432
  [ "$hostport" = "$DB_HOST" ] || DB_PORT=${hostport##*:}
  [ -n "$DB_NAME" ] || die "DB_URL names no database"
  export PGHOST=$DB_HOST PGPORT=$DB_PORT PGUSER=${DB_USER:-postgres} PGPASSWORD=${DB_PASSWORD:-}
  export PGCONNECT_TIMEOUT=10
}

need_client() {
  local tool
  for tool in pg_dump pg_restore psql; do
    command -v "$tool" >/dev/null || die "$tool is needed: apt-get install postgresql-client"
  done
}

# psql on a database, variables passed with -v and read as :'name' (quoted by psql), never
# spliced into the SQL text.
sql() {
  local database=$1; shift
  psql -X -q -At -v ON_ERROR_STOP=1 -d "$database" "$@"
}

schema_args() {
  local s
  for s in "${SCHEMAS[@]}"; do printf -- '--schema=%s\n' "$s"; done
}

# pg_dump/pg_restore --verbose, shortened to one line per table as progress.
progress() {
  sed -nE 's/^pg_(dump|restore): (dumping contents of table|processing data for table) "?([^"]*)"?.*$/[cvtailor]   \3/p; s/^pg_(dump|restore): (error|warning|ERROR|WARNING): (.*)$/[cvtailor] \2: \3/p' >&2
}

backup() {
  local file=${1:?usage: ./cvtailor backup FILE}
  need_client
  parse_db_url
  local tables
  tables=$(sql "$DB_NAME" -v schemas="{$(IFS=,; echo "${SCHEMAS[*]}")}" <<'SQL'
SELECT count(*) FROM pg_tables WHERE schemaname = ANY (:'schemas'::text[]);
SQL
) || die "cannot read database $DB_NAME at $DB_HOST:$DB_PORT"
  [ "$tables" -gt 0 ] || die "database $DB_NAME at $DB_HOST:$DB_PORT holds no cvtailor tables"
  say "backing up $tables tables of schemas ${SCHEMAS[*]} from $DB_NAME at $DB_HOST:$DB_PORT to $file"
  local started=$SECONDS tmp="$file.partial"
  mapfile -t args < <(schema_args)
  # One consistent snapshot (pg_dump's own transaction); written aside, renamed when complete.
  if ! pg_dump --format=custom --verbose --no-owner --no-privileges "${args[@]}" \
      --dbname="$DB_NAME" --file="$tmp" 2> >(progress); then
    rm -f "$tmp"
    die "pg_dump failed"
  fi
  mv -f "$tmp" "$file"
  say "backup written: $file ($(du -h "$file" | cut -f1), $((SECONDS - started)) s)"
}

restore() {
  local force="" file=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --force) force=1 ;;
      -*) die "unknown option for restore: $1" ;;
      *) [ -z "$file" ] || die "usage: ./cvtailor restore [--force] FILE"; file=$1 ;;
    esac
    shift
  done
  [ -n "$file" ] || die "usage: ./cvtailor restore [--force] FILE"
  [ -r "$file" ] || die "cannot read $file"
  need_client
  parse_db_url
  pg_restore --list "$file" >/dev/null 2>&1 || die "$file is not a pg_dump custom-format archive"
  local started=$SECONDS exists
  exists=$(sql postgres -v db="$DB_NAME" <<'SQL'
SELECT count(*) FROM pg_database WHERE datname = :'db';
SQL
) || die "cannot connect to $DB_HOST:$DB_PORT as $PGUSER"
  if [ "$exists" = 0 ]; then
    local template
    template=$(sql postgres -v t="$TEMPLATE_DB" <<'SQL'
SELECT count(*) FROM pg_database WHERE datname = :'t' AND datistemplate;
SQL
)
    if [ "$template" = 1 ]; then
      say "creating database $DB_NAME from $TEMPLATE_DB (pgvector included)"
      sql postgres -v db="$DB_NAME" -v t="$TEMPLATE_DB" <<'SQL' || die "cannot create database $DB_NAME"
CREATE DATABASE :"db" TEMPLATE :"t";
SQL
    else
      say "creating database $DB_NAME"
      sql postgres -v db="$DB_NAME" <<'SQL' || die "cannot create database $DB_NAME"
CREATE DATABASE :"db";
SQL
    fi
  fi
  sql "$DB_NAME" -c 'CREATE EXTENSION IF NOT EXISTS vector' >/dev/null 2>&1 \
    || die "pgvector is not enabled in $DB_NAME and this role cannot enable it: as a superuser run CREATE EXTENSION vector; in $DB_NAME"
  local existing
  existing=$(sql "$DB_NAME" -v schemas="{$(IFS=,; echo "${SCHEMAS[*]}")}" <<'SQL'
SELECT count(*) FROM pg_tables WHERE schemaname = ANY (:'schemas'::text[]);
SQL
)
  if [ "$existing" -gt 0 ]; then
    [ -n "$force" ] || die "database $DB_NAME already holds $existing cvtailor tables; restore into a new database (DB_URL) or add --force to replace them"
    say "--force: dropping schemas ${SCHEMAS[*]} of $DB_NAME ($existing tables)"
    local s
    for s in "${SCHEMAS[@]}"; do
      sql "$DB_NAME" -v s="$s" <<'SQL' || die "cannot drop schema $s"
DROP SCHEMA IF EXISTS :"s" CASCADE;
SQL
    done
  fi
  say "restoring $file into $DB_NAME at $DB_HOST:$DB_PORT (data first, then indexes)"
  # Data before indexes (pg_restore's own order): each HNSW index is built once over all rows, with
  # room to build it in memory. Two jobs: the machine's cores are shared with the application.
  if ! PGOPTIONS="-c maintenance_work_mem=${RESTORE_MAINTENANCE_WORK_MEM:-256MB}" \
      pg_restore --verbose --no-owner --no-privileges --exit-on-error \
      --jobs="${RESTORE_JOBS:-2}" --dbname="$DB_NAME" "$file" 2> >(progress); then
    die "pg_restore failed; the database $DB_NAME is incomplete (restore again with --force)"
  fi
  sql "$DB_NAME" <<'SQL' | while IFS='|' read -r index size; do say "  vector index $index built ($size)"; done
SELECT schemaname || '.' || indexname, pg_size_pretty(pg_relation_size(format('%I.%I', schemaname, indexname)::regclass))
FROM pg_indexes WHERE indexdef ~ 'USING (hnsw|ivfflat)' ORDER BY 1;
SQL
  say "ANALYZE (planner statistics for the restored tables)"
  # cvtailor's tables only (a database-wide ANALYZE also visits catalogs this role may not touch)
  sql "$DB_NAME" -v schemas="{$(IFS=,; echo "${SCHEMAS[*]}")}" <<'SQL' || die "ANALYZE failed"
SELECT format('ANALYZE %I.%I', schemaname, tablename) FROM pg_tables
WHERE schemaname = ANY (:'schemas'::text[]) \gexec
SQL
  say "restored into $DB_NAME in $((SECONDS - started)) s; start cvtailor with DB_URL=$DB_URL"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  backup) backup "$@" ;;
  restore) restore "$@" ;;
  *) die "usage: scripts/backup.sh backup FILE | restore [--force] FILE" ;;
esac
