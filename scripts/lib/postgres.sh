# Throwaway PostgreSQL clusters on loopback, for scripts/dev and scripts/test.
#
# Source it for the functions, or run it to control a cluster from another program (the Swift
# integration tests restart theirs through TEST_PG_RESTART_CMD):
#     bash scripts/lib/postgres.sh start|stop|restart|status DATADIR [PORT]
#
# initdb and postgres refuse to run as root, so the data directory is given to the `postgres`
# user (created by Debian's postgresql package) and every server command goes through runuser.
# shellcheck shell=bash

# Prints the newest /usr/lib/postgresql/*/bin that has initdb.
pg_bin_dir() {
    local dir
    dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
    [[ -n $dir && -x $dir/initdb ]] || {
        echo "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin" >&2
        return 1
    }
    echo "$dir"
}

# Runs a server command as `postgres` from `/`, so it never trips over root's unreadable cwd.
_pg_as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && "$@")
    fi
}

# A Unix socket path must stay under ~107 bytes; deep checkouts fall back to a short directory.
_pg_socket_dir() {
    local datadir=$1 port=$2
    if ((${#datadir} < 80)); then
        echo "$datadir"
    else
        local dir="/tmp/scimgw-pg-$port"
        mkdir -p "$dir" && chmod 700 "$dir"
        [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
        echo "$dir"
    fi
}

# pg_init DATADIR: creates the cluster once; a directory that already holds one is left as it is.
# Loopback connections are trusted (no passwords): the cluster only listens on 127.0.0.1.
pg_init() {
    local datadir=$1 bin locale_args=(--no-locale)
    [[ -f $datadir/PG_VERSION ]] && return 0
    bin=$(pg_bin_dir) || return 1

    mkdir -p "$datadir"
    chmod 700 "$datadir"
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || { echo "user postgres missing: install postgresql" >&2; return 1; }
        chown postgres:postgres "$datadir"
        runuser -u postgres -- test -w "$datadir" || {
            echo "user postgres cannot reach $datadir (a parent directory is not traversable)" >&2
            return 1
        }
    fi
    # C.UTF-8 keeps lower() Unicode-aware (userName is compared case-insensitively).
    locale -a 2>/dev/null | grep -qix 'c.utf-\?8' && locale_args=(--locale=C.UTF-8)
    _pg_as_owner "$bin/initdb" -D "$datadir" -U postgres --auth=trust --encoding=UTF8 "${locale_args[@]}" \
        --no-sync >"$datadir.initdb.log" 2>&1 || {
        cat "$datadir.initdb.log" >&2
        return 1
    }
    rm -f "$datadir.initdb.log"
}

pg_is_running() {
    local bin
    bin=$(pg_bin_dir) || return 1
    _pg_as_owner "$bin/pg_ctl" -D "$1" status >/dev/null 2>&1
}

# pg_start DATADIR PORT: starts the cluster on 127.0.0.1:PORT and waits until it accepts connections.
# PG_SERVER_OPTS adds server options; scripts/test passes "-F" (no fsync) because its data is thrown away.
pg_start() {
    local datadir=$1 port=$2 bin sockdir
    bin=$(pg_bin_dir) || return 1
    pg_init "$datadir" || return 1
    if pg_is_running "$datadir"; then
        return 0
    fi
    sockdir=$(_pg_socket_dir "$datadir" "$port")
    _pg_as_owner "$bin/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 \
        -o "${PG_SERVER_OPTS:-} -c listen_addresses=127.0.0.1 -p $port -k $sockdir" start >/dev/null || {
        tail -n 20 "$datadir/server.log" >&2
        return 1
    }
}

pg_stop() {
    local datadir=$1 bin
    bin=$(pg_bin_dir) || return 1
    pg_is_running "$datadir" || return 0
    _pg_as_owner "$bin/pg_ctl" -D "$datadir" -m fast -w -t 60 stop >/dev/null
}

# pg_restart DATADIR: a fast restart with the options of the last start (pg_ctl keeps postmaster.opts).
pg_restart() {
    local datadir=$1 bin
    bin=$(pg_bin_dir) || return 1
    _pg_as_owner "$bin/pg_ctl" -D "$datadir" -l "$datadir/server.log" -m fast -w -t 60 restart >/dev/null
}

# pg_psql PORT DB SQL...: runs SQL as the superuser `postgres` over loopback; prints unaligned rows.
pg_psql() {
    local port=$1 db=$2 bin
    shift 2
    bin=$(pg_bin_dir) || return 1
    "$bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

# pg_create_app_db PORT DB ROLE: creates the service's login role and a database owned by the superuser when
# missing; prints the service's URL. Migrations run as the owner (pg_owner_url), so the service role owns no table
# and row-level security applies to it exactly as in production: it is only a member of scim_gateway_service, the
# group role the migrations grant privileges to. CREATEDB lets the Swift integration tests make scratch databases.
pg_create_app_db() {
    local port=$1 db=$2 role=$3
    pg_psql "$port" postgres -v role="$role" <<'SQL' || return 1
SELECT 'CREATE ROLE scim_gateway_service NOLOGIN NOSUPERUSER NOBYPASSRLS'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'scim_gateway_service') \gexec
SELECT format('CREATE ROLE %I LOGIN CREATEDB NOSUPERUSER NOBYPASSRLS', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('GRANT scim_gateway_service TO %I', :'role') \gexec
SQL
    pg_psql "$port" postgres -v db="$db" <<'SQL' || return 1
SELECT format('CREATE DATABASE %I OWNER postgres', :'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
    echo "postgres://$role@127.0.0.1:$port/$db"
}

# pg_owner_url PORT DB: the URL migrations run with (the superuser, which owns the schema).
pg_owner_url() {
    echo "postgres://postgres@127.0.0.1:$1/$2"
}

# pg_grant_create PORT DB ROLE: lets ROLE create its own scratch tables (the Postgres layer's tests do).
pg_grant_create() {
    pg_psql "$1" "$2" -v role="$3" <<'SQL'
SELECT format('GRANT CREATE ON SCHEMA public TO %I', :'role') \gexec
SQL
}

# pg_drop_db PORT DB: drops a database, disconnecting whoever still uses it.
pg_drop_db() {
    pg_psql "$1" postgres -v db="$2" <<'SQL'
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') \gexec
SQL
}

# Command-line use: bash scripts/lib/postgres.sh start|stop|restart|status DATADIR [PORT]
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    command=${1:-}
    datadir=${2:-}
    [[ -n $command && -n $datadir ]] || {
        echo "usage: $0 start|stop|restart|status DATADIR [PORT]" >&2
        exit 2
    }
    case $command in
    start) pg_start "$datadir" "${3:?start needs a PORT}" ;;
    stop) pg_stop "$datadir" ;;
    restart) pg_restart "$datadir" ;;
    status) pg_is_running "$datadir" ;;
    *)
        echo "unknown command: $command" >&2
        exit 2
        ;;
    esac
fi
