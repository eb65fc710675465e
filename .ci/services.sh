#!/usr/bin/env bash
# Standalone PostgreSQL and Artemis on loopback, for the integration tests that run the hub with the
# production profile (and for trying that profile by hand). Installs what is missing, reuses what
# already runs, and stops only what it started. See docs/testing.md.
#
#   .ci/services.sh start            install if missing, start, wait until ready; last line
#                                    "started: <names>" lists what this call launched (may be empty)
#   .ci/services.sh stop [NAME...]   stop what start launched (postgresql, artemis; default both)
#   .ci/services.sh status           one line per service; exit 0 only if both are ready
#   .ci/services.sh env              export lines for the tests (SIMPUL_TEST_*)
#
# Runs as root (CI and these machines do). PostgreSQL runs as the postgres user, which the Debian
# package creates. State lives in ${SIMPUL_SERVICES_DIR:-/tmp/simpul-services}.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SVC="${SIMPUL_SERVICES_DIR:-/tmp/simpul-services}"
# Bound on every wait for readiness, in seconds.
TIMEOUT="${SIMPUL_SERVICES_TIMEOUT:-90}"

PG_PORT=55432
PG_DATA="$SVC/pgdata"
PG_SOCK="$SVC/pgsock"
PG_LOG="$SVC/postgresql.log"
DB_NAME=simpul
DB_USER=simpul
DB_PASSWORD=simpul

ARTEMIS_VERSION=2.40.0
ARTEMIS_HOME="$SVC/apache-artemis-$ARTEMIS_VERSION"
BROKER="$SVC/broker"
BROKER_PORT=61616
BROKER_LOG="$SVC/broker.out"
BROKER_PID="$SVC/broker.pid"
MQ_USER=simpul
MQ_PASSWORD=simpul
# The simpul.# address settings, kept once for compose and for this broker.
BROKER_TEMPLATE="$ROOT/docker/artemis/broker.xml"

say() { echo "services: $*"; }
die() { echo "services: ERROR: $*" >&2; exit 1; }

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Polls "$@" once a second until it succeeds or TIMEOUT passes.
wait_for() {
  local what="$1"; shift
  local start=$SECONDS
  until "$@"; do
    if ((SECONDS - start >= TIMEOUT)); then
      return 1
    fi
    sleep 1
  done
  say "$what ready after $((SECONDS - start)) s"
}

APT_UPDATED=no
apt_install() {
  [ "$(id -u)" = 0 ] || die "installing $* needs root"
  local log="$SVC/apt.log"
  mkdir -p "$SVC"
  if [ "$APT_UPDATED" = no ]; then
    say "apt-get update"
    apt-get update -qq >>"$log" 2>&1 || { tail -20 "$log" >&2; die "apt-get update failed; see $log"; }
    APT_UPDATED=yes
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" </dev/null >>"$log" 2>&1 \
    || { tail -20 "$log" >&2; die "apt-get install $* failed; see $log"; }
}

# ---------------------------------------------------------------- PostgreSQL

PGBIN=""
pg_find() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/postgres" ]; then PGBIN="$dir"; fi
}

pg_install() {
  pg_find
  if [ -z "$PGBIN" ]; then
    apt_install postgresql
    pg_find
    [ -n "$PGBIN" ] || die "postgresql installed but no /usr/lib/postgresql/*/bin/postgres"
  fi
  command -v runuser >/dev/null || die "runuser (util-linux) is missing"
  id postgres >/dev/null 2>&1 || die "no postgres user (the Debian package creates it)"
}

as_postgres() { runuser -u postgres -- "$@"; }

# Our cluster is running (its postmaster answers pg_ctl status).
pg_running() {
  [ -n "$PGBIN" ] && [ -f "$PG_DATA/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

# The application's view: TCP on loopback, password login, the simpul database.
pg_ready() {
  [ "$(PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT=3 "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" \
      -d "$DB_NAME" -Atqc 'select 1' 2>/dev/null)" = 1 ]
}

pg_admin() { as_postgres "$PGBIN/psql" -h "$PG_SOCK" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq "$@"; }

pg_ensure_database() {
  if [ -z "$(pg_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" ]; then
    pg_admin -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'"
  fi
  if [ -z "$(pg_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" ]; then
    as_postgres "$PGBIN/createdb" -h "$PG_SOCK" -p "$PG_PORT" -U postgres -O "$DB_USER" "$DB_NAME"
  fi
}

pg_start() {
  pg_install
  mkdir -p "$SVC"
  chmod 755 "$SVC"
  as_postgres test -x "$SVC" || die "the postgres user cannot enter $SVC; set SIMPUL_SERVICES_DIR to a folder it can reach (e.g. under /tmp)"
  if pg_running; then
    wait_for "postgresql (already running)" pg_ensure_ready_quietly || die "postgresql runs from $PG_DATA but does not accept simpul logins on 127.0.0.1:$PG_PORT; see $PG_LOG"
    say "postgresql reused (127.0.0.1:$PG_PORT, $PG_DATA)"
    return
  fi
  if port_open "$PG_PORT"; then
    die "127.0.0.1:$PG_PORT is taken by another process (not the cluster in $PG_DATA); stop it or free the port"
  fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    # A data folder without PG_VERSION is a half-made one from an interrupted initdb: start over.
    rm -rf "$PG_DATA"
    mkdir -p "$PG_DATA"
    chown postgres:postgres "$PG_DATA"
    chmod 700 "$PG_DATA"
    say "initdb $PG_DATA"
    as_postgres "$PGBIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$SVC/initdb.log" 2>&1 || { tail -20 "$SVC/initdb.log" >&2; die "initdb failed"; }
  fi
  mkdir -p "$PG_SOCK"
  chown postgres:postgres "$PG_SOCK"
  touch "$PG_LOG"
  chown postgres:postgres "$PG_LOG"
  say "starting postgresql on 127.0.0.1:$PG_PORT"
  # fsync stays on (the default): the tests exercise the same durability as production.
  if ! as_postgres "$PGBIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$TIMEOUT" \
      -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_SOCK" start >/dev/null; then
    tail -20 "$PG_LOG" >&2
    die "postgresql did not start within $TIMEOUT s; see $PG_LOG"
  fi
  STARTED+=(postgresql)
  pg_ensure_database
  wait_for "postgresql" pg_ready || { tail -20 "$PG_LOG" >&2; die "postgresql started but refuses simpul logins; see $PG_LOG"; }
}

# For a cluster that already runs (maybe still starting): make sure role and database exist, then log in.
pg_ensure_ready_quietly() {
  as_postgres "$PGBIN/pg_isready" -q -h "$PG_SOCK" -p "$PG_PORT" && pg_ensure_database >/dev/null 2>&1 && pg_ready
}

pg_stop() {
  pg_find
  if pg_running; then
    say "stopping postgresql"
    as_postgres "$PGBIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$TIMEOUT" stop >/dev/null || die "postgresql did not stop; see $PG_LOG"
  else
    say "postgresql not running"
  fi
}

# ---------------------------------------------------------------- Artemis

broker_pid() {
  local pid
  [ -f "$BROKER_PID" ] || return 1
  pid="$(cat "$BROKER_PID")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # The pid must still be our broker's JVM, not a reused number.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$BROKER" || return 1
  echo "$pid"
}

broker_ready() {
  broker_pid >/dev/null && grep -q AMQ221007 "$BROKER_LOG" 2>/dev/null && port_open "$BROKER_PORT"
}

artemis_install() {
  [ -x "$ARTEMIS_HOME/bin/artemis" ] && return
  local tarball="$SVC/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz"
  if [ ! -f "$tarball" ]; then
    command -v mvn >/dev/null || die "mvn is needed to fetch Artemis from Maven Central"
    say "fetching org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin"
    # Run outside the project so Maven does not load its pom; the tarball also lands in ~/.m2.
    (cd "$SVC" && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin" \
      -DoutputDirectory="$SVC" >"$SVC/artemis-fetch.log" 2>&1) \
      || { tail -30 "$SVC/artemis-fetch.log" >&2; die "could not fetch Artemis; see $SVC/artemis-fetch.log"; }
  fi
  tar xzf "$tarball" -C "$SVC" || die "could not unpack $tarball"
  rm -f "$tarball"
}

# Puts the simpul.# address settings from docker/artemis/broker.xml into the instance's broker.xml,
# replacing an earlier copy, so a changed template reaches an existing instance.
broker_configure() {
  local xml="$BROKER/etc/broker.xml" block="$SVC/simpul-address-settings.xml"
  [ -f "$BROKER_TEMPLATE" ] || die "missing $BROKER_TEMPLATE"
  sed -n '/simpul:address-settings:begin/,/simpul:address-settings:end/p' "$BROKER_TEMPLATE" >"$block"
  grep -q 'match="simpul.#"' "$block" || die "no simpul.# address-setting between the markers in $BROKER_TEMPLATE"
  sed -i '/simpul:address-settings:begin/,/simpul:address-settings:end/d' "$xml"
  grep -q '<address-settings>' "$xml" || die "no <address-settings> in $xml"
  sed -i "/<address-settings>/r $block" "$xml"
}

artemis_start() {
  mkdir -p "$SVC"
  if broker_ready; then
    say "artemis reused (127.0.0.1:$BROKER_PORT, $BROKER)"
    return
  fi
  if broker_pid >/dev/null; then
    # Ours, but still starting: give it the usual time.
    wait_for "artemis (already starting)" broker_ready || die "artemis in $BROKER runs but is not ready; see $BROKER_LOG"
    return
  fi
  if port_open "$BROKER_PORT"; then
    die "127.0.0.1:$BROKER_PORT is taken by another process (not the broker in $BROKER); stop it or free the port"
  fi
  command -v java >/dev/null || [ -n "${JAVA_HOME:-}" ] || die "java is needed to run Artemis"
  artemis_install
  if [ ! -f "$BROKER/etc/broker.xml" ]; then
    say "creating broker instance $BROKER"
    # Loopback only, login required, no web console; journal fsync stays on (the default).
    "$ARTEMIS_HOME/bin/artemis" create "$BROKER" --silent --force \
      --user "$MQ_USER" --password "$MQ_PASSWORD" --require-login \
      --host 127.0.0.1 --default-port "$BROKER_PORT" --http-host 127.0.0.1 --no-web --no-autotune \
      --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
      --java-memory 512M >"$SVC/artemis-create.log" 2>&1 \
      || { tail -20 "$SVC/artemis-create.log" >&2; die "artemis create failed; see $SVC/artemis-create.log"; }
  fi
  broker_configure
  say "starting artemis on 127.0.0.1:$BROKER_PORT"
  # Emptied here, not only by the redirection below: that one happens in the background child, and the
  # readiness check could otherwise still read the last run's "AMQ221007" before it.
  : >"$BROKER_LOG"
  # Output to a file and stdin from /dev/null: the broker must not hold the caller's pipes open.
  nohup "$BROKER/bin/artemis" run >>"$BROKER_LOG" 2>&1 </dev/null &
  echo $! >"$BROKER_PID"
  STARTED+=(artemis)
  # bin/artemis execs java, so the pid is the broker JVM itself.
  if ! wait_for "artemis" broker_ready_or_dead; then
    tail -30 "$BROKER_LOG" >&2
    die "artemis did not report AMQ221007 within $TIMEOUT s; see $BROKER_LOG"
  fi
  broker_pid >/dev/null || { tail -30 "$BROKER_LOG" >&2; die "artemis exited during start; see $BROKER_LOG"; }
}

# Ends the wait early when the broker died, so the caller sees its log at once.
broker_ready_or_dead() { broker_ready || ! broker_pid >/dev/null; }

artemis_stop() {
  local pid
  if ! pid="$(broker_pid)"; then
    say "artemis not running"
    rm -f "$BROKER_PID"
    return
  fi
  say "stopping artemis (pid $pid)"
  kill -TERM "$pid"
  local deadline=$((SECONDS + TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      say "artemis did not stop within $TIMEOUT s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
  done
  rm -f "$BROKER_PID"
}

# ---------------------------------------------------------------- commands

cmd_start() {
  STARTED=()
  local t0=$SECONDS
  pg_start
  artemis_start
  say "ready in $((SECONDS - t0)) s: postgresql 127.0.0.1:$PG_PORT, artemis 127.0.0.1:$BROKER_PORT"
  echo "started: ${STARTED[*]:-}"
}

cmd_stop() {
  local names=("$@")
  [ ${#names[@]} -gt 0 ] || names=(artemis postgresql)
  for name in "${names[@]}"; do
    case "$name" in
      postgresql) pg_stop ;;
      artemis) artemis_stop ;;
      *) die "unknown service $name (postgresql, artemis)" ;;
    esac
  done
}

cmd_status() {
  local ok=0
  pg_find
  if [ -n "$PGBIN" ] && pg_running && pg_ready; then
    say "postgresql ready on 127.0.0.1:$PG_PORT ($PG_DATA)"
  elif [ -n "$PGBIN" ] && pg_running; then
    say "postgresql running from $PG_DATA but not accepting simpul logins"; ok=3
  else
    say "postgresql not running"; ok=3
  fi
  if broker_ready; then
    say "artemis ready on 127.0.0.1:$BROKER_PORT (pid $(broker_pid))"
  elif broker_pid >/dev/null; then
    say "artemis running (pid $(broker_pid)) but not ready"; ok=3
  else
    say "artemis not running"; ok=3
  fi
  return $ok
}

cmd_env() {
  cat <<EOF
export SIMPUL_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME
export SIMPUL_TEST_PG_USER=$DB_USER
export SIMPUL_TEST_PG_PASSWORD=$DB_PASSWORD
export SIMPUL_TEST_ARTEMIS_URL=tcp://127.0.0.1:$BROKER_PORT
export SIMPUL_TEST_ARTEMIS_USER=$MQ_USER
export SIMPUL_TEST_ARTEMIS_PASSWORD=$MQ_PASSWORD
EOF
}

case "${1:-}" in
  start) cmd_start ;;
  stop) shift; cmd_stop "$@" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: $0 start | stop [postgresql|artemis]... | status | env" >&2; exit 2 ;;
esac
