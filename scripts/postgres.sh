#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests.
#
#   bash scripts/postgres.sh start   # install PostgreSQL if missing, start a server (idempotent)
#   bash scripts/postgres.sh url     # print postgres://postgres@127.0.0.1:<port>/postgres
#   bash scripts/postgres.sh stop    # stop it and delete its data (idempotent)
#
# The server listens on 127.0.0.1 only, on a free port from 54329 up, with
# trust authentication, fsync off and max_connections 400. Its data, socket
# and log live in one temporary directory owned by `postgres`, deleted on stop.
#
# State (port, directory) is kept in a file under ${TMPDIR:-/tmp}, one per
# checkout by default. Set OPUS_PG_STATE_FILE to use another file (test.sh
# does, so that concurrent test runs each get their own server), and
# OPUS_PG_OWNER_PID to a process id: once that process is gone, the next
# `start` of any checkout stops the abandoned server.
set -euo pipefail

FIRST_PORT=54329
LAST_PORT=54529
MAX_CONNECTIONS=400

tmp_root="${TMPDIR:-/tmp}"
tmp_root="${tmp_root%/}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_key="$(printf '%s' "$repo_root" | cksum | cut -d' ' -f1)"
state_file="${OPUS_PG_STATE_FILE:-$tmp_root/opus-booking-postgres-$repo_key.state}"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if [[ $EUID -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else SUDO=(); fi

# ---------------------------------------------------------------- binaries

find_bindir() {
  local dir
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dir="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
    if [[ -x $dir/initdb && -x $dir/postgres ]]; then printf '%s\n' "$dir"; return 0; fi
  fi
  # Debian keeps the server binaries out of PATH; take the newest version.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x $dir/pg_ctl && -x $dir/initdb && -x $dir/postgres ]]; then printf '%s\n' "$dir"; return 0; fi
  done
  return 1
}

has_btree_gist() {
  local sharedir
  sharedir="$("$1/pg_config" --sharedir 2>/dev/null)" || sharedir="/usr/share/postgresql/$(basename "$(dirname "$1")")"
  [[ -f $sharedir/extension/btree_gist.control ]]
}

apt_get() {
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0 "$@"
}

install_postgres() {
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and there is no apt-get to install it"
  if [[ $EUID -ne 0 && ${#SUDO[@]} -eq 0 ]]; then die "PostgreSQL is not installed; run as root (or with sudo) to install it"; fi
  log "installing Debian's postgresql and postgresql-contrib (btree_gist) ..."
  # Our servers are throwaway: stop the package from creating (and, outside
  # Docker, starting) its default 'main' cluster on port 5432.
  if [[ ! -d /etc/postgresql ]]; then
    "${SUDO[@]}" mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' | "${SUDO[@]}" tee /etc/postgresql-common/createcluster.d/opus-booking-no-main-cluster.conf >/dev/null
  fi
  local attempt
  for attempt in 1 2 3; do
    if apt_get update -q >&2; then break; fi
    [[ $attempt -lt 3 ]] || die "apt-get update failed"
    log "apt-get update failed; retrying in 10 s"; sleep 10
  done
  for attempt in 1 2 3; do
    if apt_get install -y -q --no-install-recommends postgresql postgresql-contrib >&2; then break; fi
    [[ $attempt -lt 3 ]] || die "apt-get install postgresql postgresql-contrib failed"
    log "apt-get install failed; retrying in 10 s"; sleep 10
  done
}

ensure_bindir() {
  if bindir="$(find_bindir)" && has_btree_gist "$bindir"; then return 0; fi
  install_postgres
  bindir="$(find_bindir)" || die "PostgreSQL was installed but initdb/pg_ctl are not in PATH or /usr/lib/postgresql/*/bin"
  has_btree_gist "$bindir" || die "PostgreSQL at $bindir has no btree_gist extension (postgresql-contrib)"
}

# ----------------------------------------------------------- running as postgres

# The server refuses to run as root: as root, run it as the `postgres` user
# (created by Debian's package); otherwise as the current user.
# Descriptors other than 0-2 are closed first: a postmaster must not inherit
# this script's lock (fd 9) or a caller's pipes, which would keep the lock
# held, and a caller waiting for output, for as long as the server runs.
as_pg() {
  (
    cd /
    local fd
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if [[ $fd =~ ^[0-9]+$ && $fd -gt 2 ]]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    if [[ $EUID -eq 0 ]]; then exec runuser -u postgres -- "$@"; else exec "$@"; fi
  )
}

# --------------------------------------------------------------------- state

state_port='' state_dir='' state_bindir='' state_owner=''
read_state() { # file -> state_* (returns 1 when there is no usable state)
  state_port='' state_dir='' state_bindir='' state_owner=''
  [[ -f $1 ]] || return 1
  local key value
  while IFS='=' read -r key value; do
    case $key in
      port) state_port=$value ;;
      dir) state_dir=$value ;;
      bindir) state_bindir=$value ;;
      owner) state_owner=$value ;;
    esac
  done <"$1"
  [[ $state_port =~ ^[0-9]+$ && -n $state_dir ]]
}

# Only ever delete directories this script made.
is_our_dir() { [[ $(basename "$1") == opus-booking-pg.* && -f $1/.opus-booking-postgres ]]; }

server_running() { # uses state_*
  [[ -n $state_bindir && -x $state_bindir/pg_ctl && -f $state_dir/data/postmaster.pid ]] || return 1
  as_pg "$state_bindir/pg_ctl" -D "$state_dir/data" status >/dev/null 2>&1 || return 1
  "$state_bindir/pg_isready" -q -h 127.0.0.1 -p "$state_port" -U postgres -d postgres -t 5 >/dev/null 2>&1
}

stop_server() { # uses state_*; stops and deletes whatever is left
  if [[ -n $state_bindir && -x $state_bindir/pg_ctl && -f $state_dir/data/postmaster.pid ]]; then
    as_pg "$state_bindir/pg_ctl" -D "$state_dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      as_pg "$state_bindir/pg_ctl" -D "$state_dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  if [[ -d $state_dir ]] && is_our_dir "$state_dir"; then rm -rf -- "$state_dir"; fi
}

# Stop servers whose owner process (OPUS_PG_OWNER_PID of the run that started
# them, e.g. a test run killed with SIGKILL) no longer exists.
sweep_abandoned() {
  local file
  for file in "$tmp_root"/opus-booking-postgres-*.state; do
    [[ -f $file && $file != "$state_file" ]] || continue
    read_state "$file" || continue
    [[ $state_owner =~ ^[0-9]+$ ]] || continue
    kill -0 "$state_owner" 2>/dev/null && continue
    exec 8>>"${file%.state}.lock"
    if flock -n 8; then
      if read_state "$file" && ! kill -0 "$state_owner" 2>/dev/null; then
        log "stopping abandoned server on port $state_port (owner $state_owner is gone)"
        stop_server
        rm -f -- "$file" "${file%.state}.lock"
      fi
    fi
    exec 8>&-
  done
}

# -------------------------------------------------------------------- ports

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ------------------------------------------------------------------ commands

cmd_start() {
  if read_state "$state_file" && server_running; then
    log "already running on port $state_port"
    return 0
  fi
  if [[ -f $state_file ]]; then
    log "removing stale state ($state_file)"
    read_state "$state_file" || true
    stop_server
    rm -f -- "$state_file"
  fi
  sweep_abandoned || true

  local bindir
  ensure_bindir
  id postgres >/dev/null 2>&1 || [[ $EUID -ne 0 ]] || die "there is no 'postgres' user to run the server as"

  # A directory the postgres user can reach: ${TMPDIR} may be private to root.
  local dir
  dir="$(mktemp -d "$tmp_root/opus-booking-pg.XXXXXX")"
  touch "$dir/.opus-booking-postgres"
  mkdir -p "$dir/data" "$dir/socket"
  if [[ $EUID -eq 0 ]]; then
    chown -R postgres: "$dir"
    chmod 755 "$dir"
    if ! as_pg test -w "$dir/data"; then
      rm -rf -- "$dir"
      [[ $tmp_root != /tmp ]] || die "the postgres user cannot write to $tmp_root"
      log "the postgres user cannot reach $tmp_root; using /tmp"
      dir="$(mktemp -d /tmp/opus-booking-pg.XXXXXX)"
      touch "$dir/.opus-booking-postgres"
      mkdir -p "$dir/data" "$dir/socket"
      chown -R postgres: "$dir"
      chmod 755 "$dir"
    fi
  fi
  chmod 700 "$dir/data"

  log "initdb ($bindir) in $dir/data"
  if ! as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf -- "$dir"
    die "initdb failed"
  fi
  cat >>"$dir/data/postgresql.conf" <<EOF

# --- scripts/postgres.sh: a throwaway test server ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/socket'
max_connections = $MAX_CONNECTIONS
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
max_parallel_workers_per_gather = 0
max_locks_per_transaction = 256
# Contention tests provoke deadlocks on purpose; resolve them in 0.1 s, not 1 s.
deadlock_timeout = 100ms
logging_collector = off
EOF

  local port=$FIRST_PORT started=''
  while [[ $port -le $LAST_PORT ]]; do
    if port_in_use "$port"; then port=$((port + 1)); continue; fi
    if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
      started=yes
      break
    fi
    if grep -qiE 'could not (bind|create listen)|address already in use' "$dir/postgres.log" 2>/dev/null; then
      : >"$dir/postgres.log"
      port=$((port + 1))
      continue
    fi
    tail -n 30 "$dir/postgres.log" >&2 2>/dev/null || true
    state_dir=$dir state_bindir=$bindir stop_server
    die "the server did not start (log above)"
  done
  if [[ -z $started ]]; then
    state_dir=$dir state_bindir=$bindir stop_server
    die "no free port in $FIRST_PORT-$LAST_PORT"
  fi

  {
    printf 'port=%s\n' "$port"
    printf 'dir=%s\n' "$dir"
    printf 'bindir=%s\n' "$bindir"
    if [[ -n ${OPUS_PG_OWNER_PID:-} ]]; then printf 'owner=%s\n' "$OPUS_PG_OWNER_PID"; fi
  } >"$state_file.tmp"
  mv -f -- "$state_file.tmp" "$state_file"
  log "started PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (log: $dir/postgres.log)"
}

cmd_stop() {
  if [[ ! -f $state_file ]]; then
    log "not running"
    return 0
  fi
  read_state "$state_file" || true
  stop_server
  rm -f -- "$state_file"
  # A per-run state file (test.sh) is not used again: drop its lock too.
  if [[ -n ${OPUS_PG_OWNER_PID:-} ]]; then rm -f -- "$lock_file"; fi
  log "stopped"
}

cmd_url() {
  read_state "$state_file" || die "not started (run: bash scripts/postgres.sh start)"
  server_running || die "the server in $state_file is not running (run: bash scripts/postgres.sh start)"
  printf 'postgres://postgres@127.0.0.1:%s/postgres\n' "$state_port"
}

command="${1:-}"
case $command in
  start | stop | url) ;;
  *) echo "usage: bash scripts/postgres.sh start|stop|url" >&2; exit 2 ;;
esac

# One command at a time per state file.
lock_file="${state_file%.state}.lock"
mkdir -p "$(dirname "$state_file")"
exec 9>>"$lock_file"
flock 9

"cmd_$command"
