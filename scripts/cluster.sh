#!/usr/bin/env bash
# ./cvtailor cluster start|stop|status — the scale-out topology on one machine (docs/scaling.md,
# "Several instances on one machine"):
#
#   * the PostgreSQL that `./cvtailor db` set up, as the primary;
#   * with --standby, a hot standby on port 5433: a Debian cluster (pg_createcluster) filled by
#     pg_basebackup -R, streaming from the primary; its replication role and password are generated
#     once into $CVTAILOR_HOME/replication.env (mode 600);
#   * N Payara Micro instances of the one WAR on ports PORT+1..PORT+N, forming one Hazelcast cluster
#     over TCP/IP on loopback (no multicast);
#   * haproxy from Debian on PORT, round-robin, each instance checked with GET /health/ready.
#
# Everything runs in the background; logs and pids are under $CVTAILOR_HOME/cluster/. `stop` ends
# the instances and haproxy and stops the standby (its data stays). Called by ./cvtailor with
# DB_URL, DB_USER, DB_PASSWORD and OPERATOR_TOKEN exported.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CVTAILOR_HOME=${CVTAILOR_HOME:-$HOME/.cvtailor}
# CLUSTER_STATE: where this cluster's pids, logs and haproxy.cfg go (the cluster bench keeps its
# own apart from a cluster someone runs).
STATE=${CLUSTER_STATE:-$CVTAILOR_HOME/cluster}
WAR="$ROOT/app-war/target/cvtailor.war"
MICRO="$ROOT/app-war/target/payara-micro.jar"
PG_MAJOR=${PG_MAJOR:-15}
STANDBY_CLUSTER=standby
STANDBY_PORT=${STANDBY_PORT:-5433}
REPLICATION_ROLE=cvtailor_replicator
REPLICATION_ENV="$CVTAILOR_HOME/replication.env"
# Hazelcast's member ports: instance k listens on HZ_START_PORT+k-1 (Payara's own default base).
HZ_START_PORT=${CLUSTER_HZ_START_PORT:-5900}
# 1 GiB of heap each (as `./cvtailor start`): the cluster bench measured 680-740 MB of RSS each
# with the in-process model, so three take about 2 GiB of a 24 GiB machine.
CLUSTER_JAVA_OPTS=${CLUSTER_JAVA_OPTS:--Xmx1g}
READY_SECONDS=${CLUSTER_READY_SECONDS:-420}

say() { printf '[cluster] %s\n' "$*"; }
die() { printf '[cluster] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@";
  else die "this step needs root (or sudo): $*"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

# psql as the postgres superuser on the local cluster listening on port $1.
psql_on() {
  local port=$1; shift
  as_postgres psql -X -q -At -v ON_ERROR_STOP=1 -p "$port" "$@"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A pid from a pid file, if that process is alive and still the one we started (its command line
# names what we expect), else nothing.
live_pid() {
  local file=$1 expect=$2 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 0
  if tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$expect"; then echo "$pid"; fi
}

# Parses DB_URL (jdbc:postgresql://host:port/database?...) into DB_HOST, DB_PORT and DB_NAME.
parse_db_url() {
  local rest hostport
  rest=${DB_URL#jdbc:postgresql://}
  [ "$rest" != "$DB_URL" ] || die "DB_URL must look like jdbc:postgresql://host:port/database (got '$DB_URL')"
  hostport=${rest%%/*}; DB_NAME=${rest#*/}; DB_NAME=${DB_NAME%%\?*}
  case "$hostport" in *,*) die "DB_URL already names several hosts; cluster start wants the single primary from ./cvtailor db" ;; esac
  DB_HOST=${hostport%%:*}; DB_PORT=5432; [ "$hostport" = "$DB_HOST" ] || DB_PORT=${hostport##*:}
}

ensure_haproxy() {
  command -v haproxy >/dev/null && return
  [ -x /usr/sbin/haproxy ] && { PATH="$PATH:/usr/sbin"; return; }
  if command -v apt-get >/dev/null && as_root true 2>/dev/null; then
    say "installing haproxy (Debian's package; run as a plain process, not the system service)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends haproxy >/dev/null
    # The package enables its own service on the default config; this cluster does not use it.
    if command -v systemctl >/dev/null && systemctl is-active --quiet haproxy 2>/dev/null; then
      as_root systemctl stop haproxy || true
    fi
    command -v haproxy >/dev/null || PATH="$PATH:/usr/sbin"
  else
    die "haproxy is missing: apt-get install haproxy, then retry"
  fi
}

# ---------------------------------------------------------------------------------------------
# The standby
# ---------------------------------------------------------------------------------------------
primary_cluster_name() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" -v p="$DB_PORT" '$1 == v && $3 == p {print $2}' | head -n1
}

standby_exists() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" -v c="$STANDBY_CLUSTER" '$1 == v && $2 == c' | grep -q .
}

standby_online() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$PG_MAJOR" -v c="$STANDBY_CLUSTER" '$1 == v && $2 == c {print $4}' | grep -q online
}

ensure_replication_credentials() {
  if [ ! -f "$REPLICATION_ENV" ]; then
    mkdir -p "$CVTAILOR_HOME"; chmod 700 "$CVTAILOR_HOME"
    (umask 077; printf '# Written by ./cvtailor cluster: the streaming replication role of the standby.\nREPLICATION_USER=%s\nREPLICATION_PASSWORD=%s\n' \
      "$REPLICATION_ROLE" "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)" > "$REPLICATION_ENV")
    say "replication credentials written to $REPLICATION_ENV"
  fi
  # shellcheck disable=SC1090
  . "$REPLICATION_ENV"
}

# The role, a pg_hba.conf line for replication connections from loopback, and the WAL settings a
# streaming standby needs; each step only when missing, so a second run changes nothing.
prepare_primary() {
  local escaped=${REPLICATION_PASSWORD//\'/\'\'}
  if [ -z "$(psql_on "$DB_PORT" -c "SELECT 1 FROM pg_roles WHERE rolname = '$REPLICATION_USER'")" ]; then
    say "creating role $REPLICATION_USER (REPLICATION) on the primary"
    psql_on "$DB_PORT" -c "CREATE ROLE \"$REPLICATION_USER\" REPLICATION LOGIN PASSWORD '$escaped'"
  else
    psql_on "$DB_PORT" -c "ALTER ROLE \"$REPLICATION_USER\" REPLICATION LOGIN PASSWORD '$escaped'"
  fi
  # pg_monitor: the role may read pg_stat_replication's lag columns (the cluster bench does).
  psql_on "$DB_PORT" -c "SET client_min_messages = warning" -c "GRANT pg_monitor TO \"$REPLICATION_USER\"" >/dev/null
  # "all" in pg_hba.conf's database column does not match replication connections: they need a
  # line of their own.
  local covered
  covered=$(psql_on "$DB_PORT" -c "SELECT count(*) FROM pg_hba_file_rules
      WHERE type = 'host' AND 'replication' = ANY(database)
        AND (user_name && ARRAY['all', '$REPLICATION_USER']) AND address = '127.0.0.1'")
  if [ "$covered" = 0 ]; then
    local hba; hba=$(psql_on "$DB_PORT" -c "SHOW hba_file")
    say "allowing replication connections of $REPLICATION_USER from 127.0.0.1 in $hba"
    printf '# added by ./cvtailor cluster --standby: the standby streams from here\nhost replication %s 127.0.0.1/32 scram-sha-256\n' \
      "$REPLICATION_USER" | as_root tee -a "$hba" >/dev/null
    psql_on "$DB_PORT" -c "SELECT pg_reload_conf()" >/dev/null
  fi
  local wal_level senders
  wal_level=$(psql_on "$DB_PORT" -c "SHOW wal_level")
  senders=$(psql_on "$DB_PORT" -c "SHOW max_wal_senders")
  if [ "$wal_level" = minimal ] || [ "$senders" = 0 ]; then
    die "the primary has wal_level=$wal_level, max_wal_senders=$senders: a standby needs wal_level=replica and max_wal_senders >= 1 (ALTER SYSTEM SET ...; then restart PostgreSQL)"
  fi
}

standby_data_dir() {
  as_root pg_conftool -s "$PG_MAJOR" "$STANDBY_CLUSTER" show data_directory 2>/dev/null \
    || echo "/var/lib/postgresql/$PG_MAJOR/$STANDBY_CLUSTER"
}

create_standby() {
  port_in_use "$STANDBY_PORT" && die "port $STANDBY_PORT is taken: set STANDBY_PORT to a free port"
  say "creating the standby cluster $PG_MAJOR/$STANDBY_CLUSTER on port $STANDBY_PORT"
  as_root pg_createcluster "$PG_MAJOR" "$STANDBY_CLUSTER" -p "$STANDBY_PORT" >/dev/null
  # A hot standby refuses to start when these are lower than on the primary.
  local setting value
  for setting in max_connections max_worker_processes max_wal_senders max_prepared_transactions max_locks_per_transaction; do
    value=$(psql_on "$DB_PORT" -c "SELECT setting FROM pg_settings WHERE name = '$setting'")
    as_root pg_conftool "$PG_MAJOR" "$STANDBY_CLUSTER" set "$setting" "$value"
  done
  as_root pg_conftool "$PG_MAJOR" "$STANDBY_CLUSTER" set hot_standby on
  local data; data=$(standby_data_dir)
  # pg_createcluster ran initdb; the base backup replaces that empty cluster.
  as_root find "$data" -mindepth 1 -delete
  say "pg_basebackup from 127.0.0.1:$DB_PORT into $data (-R: it starts as a standby)"
  as_postgres env PGPASSWORD="$REPLICATION_PASSWORD" "/usr/lib/postgresql/$PG_MAJOR/bin/pg_basebackup" \
    -h 127.0.0.1 -p "$DB_PORT" -U "$REPLICATION_USER" -D "$data" -R -X stream -c fast \
    || die "pg_basebackup failed (see above)"
  start_standby
}

start_standby() {
  say "starting the standby $PG_MAJOR/$STANDBY_CLUSTER"
  as_root pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" "$STANDBY_CLUSTER" start \
    || die "the standby did not start (see above); a broken one can be removed with pg_dropcluster --stop $PG_MAJOR $STANDBY_CLUSTER"
}

# Waits until the standby's WAL receiver streams; false after $1 seconds.
await_streaming() {
  local deadline=$((SECONDS + $1))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(psql_on "$STANDBY_PORT" -c "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null)" = streaming ] && return 0
    sleep 1
  done
  return 1
}

ensure_standby() {
  case "$DB_HOST" in 127.0.0.1|localhost) ;; *) die "--standby needs the local PostgreSQL from ./cvtailor db (DB_URL names $DB_HOST)" ;; esac
  [ -n "$(primary_cluster_name)" ] || die "--standby needs a local PostgreSQL $PG_MAJOR cluster on port $DB_PORT (pg_lsclusters shows none)"
  command -v pg_createcluster >/dev/null || die "pg_createcluster is missing (Debian's postgresql-common)"
  ensure_replication_credentials
  prepare_primary
  if standby_exists; then
    standby_online || start_standby
    if [ "$(psql_on "$STANDBY_PORT" -c "SELECT pg_is_in_recovery()")" != t ]; then
      # Promoted earlier (a failover): it may hold the only copy of recent writes. Never rebuilt
      # behind the operator's back.
      die "the standby on port $STANDBY_PORT was promoted and is a primary now; make it the database (DB_URL) or, if its data is not needed, remove it (pg_dropcluster --stop $PG_MAJOR $STANDBY_CLUSTER) and start again"
    fi
    if ! await_streaming 60; then
      # Without a replication slot the primary keeps no WAL for a stopped standby: after a long
      # stop it may be gone, and a fresh base backup is the way back.
      say "the standby does not stream (WAL it needs may be gone): rebuilding it from a new base backup"
      as_root pg_dropcluster --stop "$PG_MAJOR" "$STANDBY_CLUSTER"
      create_standby
    fi
  else
    create_standby
  fi
  await_streaming 120 || die "the standby on port $STANDBY_PORT does not stream from the primary (see /var/log/postgresql/postgresql-$PG_MAJOR-$STANDBY_CLUSTER.log)"
  say "standby on 127.0.0.1:$STANDBY_PORT streams from the primary on 127.0.0.1:$DB_PORT"
}

# ---------------------------------------------------------------------------------------------
# Instances and haproxy
# ---------------------------------------------------------------------------------------------
instance_ready() { curl -fsS -o /dev/null --max-time 10 "http://127.0.0.1:$1/health/ready" 2>/dev/null; }

# Starts instance $1 on HTTP port $2 (in the background; log and pid under $STATE).
start_instance() {
  local k=$1 port=$2 members=$3 dir="$STATE/instance-$1"
  rm -rf "$dir"   # a stale runtime directory would redeploy an old copy of the WAR
  mkdir -p "$dir"
  # The database settings travel in the environment (not on the command line, which ps shows).
  # shellcheck disable=SC2086 # CLUSTER_JAVA_OPTS holds several options
  env DB_URL="$INSTANCE_DB_URL" DB_READ_URL="$INSTANCE_READ_URL" DB_USER="$DB_USER" DB_PASSWORD="$DB_PASSWORD" \
    OPERATOR_TOKEN="${OPERATOR_TOKEN:-}" \
    nohup java $CLUSTER_JAVA_OPTS \
    -Dcluster.instance-name="instance-$k" \
    -Drate-limit.store=postgresql \
    -Dsecurity.trusted-proxies=127.0.0.1/32 \
    -jar "$MICRO" --port "$port" --rootdir "$dir/root" --deploy "$WAR" --contextroot / \
    --name "instance-$k" --clustername "$CLUSTER_NAME" \
    --clustermode "tcpip:$members" --interfaces 127.0.0.1 --startport "$((HZ_START_PORT + k - 1))" \
    > "$STATE/instance-$k.log" 2>&1 < /dev/null &
  echo $! > "$STATE/instance-$k.pid"
}

await_instance() {
  local k=$1 port=$2 deadline=$((SECONDS + READY_SECONDS)) pid
  pid=$(cat "$STATE/instance-$k.pid")
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$pid" 2>/dev/null || die "instance-$k exited during start-up (see $STATE/instance-$k.log)"
    instance_ready "$port" && return 0
    sleep 2
  done
  die "instance-$k did not become ready in ${READY_SECONDS}s (see $STATE/instance-$k.log; GET /api/v1/operations/readiness on port $port)"
}

write_haproxy_config() {
  local port=$1; shift
  {
    cat <<CFG
# Written by ./cvtailor cluster start; regenerated on every start.
global
    maxconn 4096
    pidfile $STATE/haproxy.pid

defaults
    mode http
    option forwardfor
    # a connection refused by a killed instance is retried on another one
    retries 2
    option redispatch
    timeout connect 3s
    # long enough for a large import or a CV render; the application bounds its own requests
    timeout client 5m
    timeout server 5m

frontend cvtailor
    bind :$port
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
CFG
    local k=1 p
    for p in "$@"; do
      printf '    server instance-%d 127.0.0.1:%d check inter 2s fall 2 rise 1\n' "$k" "$p"
      k=$((k + 1))
    done
  } > "$STATE/haproxy.cfg"
}

cluster_start() {
  local instances=2 port=${PORT:-8080} standby=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --instances) instances=${2:?--instances needs a number}; shift ;;
      --instances=*) instances=${1#--instances=} ;;
      --port) port=${2:?--port needs a number}; shift ;;
      --port=*) port=${1#--port=} ;;
      --standby) standby=1 ;;
      *) die "unknown option for cluster start: $1" ;;
    esac
    shift
  done
  [[ "$instances" =~ ^[1-9][0-9]?$ ]] || die "--instances wants a number from 1 to 99 (got '$instances')"
  [[ "$port" =~ ^[0-9]+$ ]] || die "--port wants a number (got '$port')"
  mkdir -p "$STATE"; chmod 700 "$STATE"
  local k
  for k in $(seq 1 99); do
    [ -z "$(live_pid "$STATE/instance-$k.pid" payara-micro)" ] || die "a cluster is already running (./cvtailor cluster status; ./cvtailor cluster stop)"
  done
  [ -z "$(live_pid "$STATE/haproxy.pid" haproxy)" ] || die "haproxy of a cluster is already running (./cvtailor cluster stop)"
  ensure_haproxy
  parse_db_url
  local ports=() members=()
  for k in $(seq 1 "$instances"); do
    ports+=("$((port + k))")
    members+=("127.0.0.1:$((HZ_START_PORT + k - 1))")
  done
  for p in "$port" "${ports[@]}"; do
    port_in_use "$p" && die "port $p is taken (haproxy uses --port, instance k uses --port + k)"
  done

  INSTANCE_DB_URL=$DB_URL
  INSTANCE_READ_URL=$DB_URL
  if [ -n "$standby" ]; then
    ensure_standby
    # Writes go to whichever server is primary (after a promotion, the former standby); safe reads
    # prefer the standby and fall back to the primary (docs/scaling.md, "Reads from the standby").
    INSTANCE_DB_URL="jdbc:postgresql://127.0.0.1:$DB_PORT,127.0.0.1:$STANDBY_PORT/$DB_NAME?targetServerType=primary"
    INSTANCE_READ_URL="jdbc:postgresql://127.0.0.1:$STANDBY_PORT,127.0.0.1:$DB_PORT/$DB_NAME?targetServerType=preferSecondary"
  fi
  CLUSTER_NAME="cvtailor-$port"
  local member_list; member_list=$(IFS=,; echo "${members[*]}")
  printf 'PORT=%s\nINSTANCES=%s\nINSTANCE_PORTS="%s"\nSTANDBY=%s\n' \
    "$port" "$instances" "${ports[*]}" "${standby:-0}" > "$STATE/cluster.env"

  # The first instance migrates the schema alone; the others start once it is ready.
  say "starting instance-1 on port ${ports[0]} (Hazelcast cluster $CLUSTER_NAME on $member_list)"
  start_instance 1 "${ports[0]}" "$member_list"
  await_instance 1 "${ports[0]}"
  for k in $(seq 2 "$instances"); do
    say "starting instance-$k on port ${ports[$((k - 1))]}"
    start_instance "$k" "${ports[$((k - 1))]}" "$member_list"
  done
  for k in $(seq 2 "$instances"); do
    await_instance "$k" "${ports[$((k - 1))]}"
  done

  write_haproxy_config "$port" "${ports[@]}"
  haproxy -c -q -f "$STATE/haproxy.cfg" || die "haproxy rejected $STATE/haproxy.cfg"
  say "starting haproxy on port $port"
  haproxy -D -f "$STATE/haproxy.cfg" || die "haproxy did not start (config: $STATE/haproxy.cfg)"
  local deadline=$((SECONDS + 30))
  until instance_ready "$port"; do
    [ $SECONDS -lt $deadline ] || die "haproxy on port $port does not answer /health/ready"
    sleep 1
  done

  echo
  echo "cvtailor is ready at http://localhost:$port/"
  echo "  haproxy:     http://localhost:$port/  (round-robin; config $STATE/haproxy.cfg)"
  for k in $(seq 1 "$instances"); do
    printf '  instance-%d:  http://localhost:%d/  (pid %s, log %s)\n' \
      "$k" "${ports[$((k - 1))]}" "$(cat "$STATE/instance-$k.pid")" "$STATE/instance-$k.log"
  done
  if [ -n "$standby" ]; then
    echo "  standby:     PostgreSQL $PG_MAJOR/$STANDBY_CLUSTER on 127.0.0.1:$STANDBY_PORT, streaming from 127.0.0.1:$DB_PORT"
    echo "               (promote: pg_ctlcluster $PG_MAJOR $STANDBY_CLUSTER promote; writes follow it)"
  fi
  echo "  stop:        ./cvtailor cluster stop     status: ./cvtailor cluster status"
}

# Ends the process in pid file $1 (command line naming $2): SIGTERM, then SIGKILL after 60 s.
end_process() {
  local file=$1 expect=$2 name=$3 pid
  pid=$(live_pid "$file" "$expect")
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    say "$name stopped (pid $pid)"
  fi
  rm -f "$file"
}

cluster_stop() {
  [ -d "$STATE" ] || { say "no cluster state in $STATE: nothing to stop"; return; }
  end_process "$STATE/haproxy.pid" haproxy haproxy
  local file
  for file in "$STATE"/instance-*.pid; do
    [ -e "$file" ] || continue
    end_process "$file" payara-micro "$(basename "$file" .pid)"
  done
  if standby_exists && standby_online; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" "$STANDBY_CLUSTER" stop
    say "standby $PG_MAJOR/$STANDBY_CLUSTER stopped, not dropped: its data stays in $(standby_data_dir)"
    say "  (the next 'cluster start --standby' restarts it, or rebuilds it if the primary's WAL moved on;"
    say "   remove it with: pg_dropcluster --stop $PG_MAJOR $STANDBY_CLUSTER)"
  fi
  say "the primary PostgreSQL keeps running (it is ./cvtailor db's server)"
}

cluster_status() {
  local port="" INSTANCE_PORTS=""
  if [ -f "$STATE/cluster.env" ]; then
    # shellcheck disable=SC1091
    . "$STATE/cluster.env"
    port=$PORT
  else
    say "no cluster was started from $STATE (./cvtailor cluster start)"
  fi
  if [ -n "$port" ]; then
    if [ -z "$(live_pid "$STATE/haproxy.pid" haproxy)" ]; then
      echo "haproxy      down"
    elif instance_ready "$port"; then
      echo "haproxy      up    http://localhost:$port/ answers /health/ready"
    else
      echo "haproxy      up    http://localhost:$port/ has no ready instance"
    fi
    local k=1 p pid
    for p in $INSTANCE_PORTS; do
      pid=$(live_pid "$STATE/instance-$k.pid" payara-micro)
      if [ -z "$pid" ]; then
        echo "instance-$k   down  (port $p)"
      elif instance_ready "$p"; then
        echo "instance-$k   up    http://localhost:$p/ ready (pid $pid)"
      else
        echo "instance-$k   up    http://localhost:$p/ not ready (pid $pid)"
      fi
      k=$((k + 1))
    done
  fi
  parse_db_url
  if pg_isready -q -h 127.0.0.1 -p "$DB_PORT" 2>/dev/null; then
    local role
    role=$(psql_on "$DB_PORT" -c "SELECT CASE WHEN pg_is_in_recovery() THEN 'standby' ELSE 'primary' END" 2>/dev/null || echo "?")
    echo "postgresql   up    127.0.0.1:$DB_PORT ($role)"
  else
    echo "postgresql   down  127.0.0.1:$DB_PORT"
  fi
  if ! standby_exists; then
    echo "standby      none"
  elif ! standby_online; then
    echo "standby      down  127.0.0.1:$STANDBY_PORT (cluster $PG_MAJOR/$STANDBY_CLUSTER exists, stopped)"
  elif [ "$(psql_on "$STANDBY_PORT" -c "SELECT pg_is_in_recovery()" 2>/dev/null)" != t ]; then
    echo "standby      up    127.0.0.1:$STANDBY_PORT (promoted: now a primary itself)"
  else
    echo "standby      up    127.0.0.1:$STANDBY_PORT (hot standby)"
    # pg_stat_replication on the primary: how far behind the standby replays (replay_lag is
    # empty while the primary writes nothing).
    local lag
    lag=$(psql_on "$DB_PORT" -c "SELECT 'replica lag: '
            || coalesce(round(extract(epoch FROM replay_lag)::numeric, 3) || ' s', '0 s (idle)')
            || ', ' || pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) || ' bytes behind, ' || state
          FROM pg_stat_replication WHERE usename = '$REPLICATION_ROLE'" 2>/dev/null || true)
    echo "             ${lag:-not streaming from 127.0.0.1:$DB_PORT}"
  fi
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  start)
    if [ ! -f "$WAR" ] || [ ! -f "$MICRO" ]; then die "build first (./cvtailor build)"; fi
    cluster_start "$@" ;;
  stop) cluster_stop ;;
  status) cluster_status ;;
  *) die "usage: ./cvtailor cluster start [--instances N] [--standby] [--port N] | stop | status" ;;
esac
