# PostgreSQL: the Iceberg JDBC catalog (Spark and Trino share it). A cluster of our own (initdb) under
# $STACK_DIR/postgres on a spare port, run as the `postgres` user when we are root (PostgreSQL refuses root).
# deploy/airflow.sh runs a second cluster, Airflow's metadata database, with the same helpers: it points the three
# settings below at its own folder; the pid, port and logs follow RUN_DIR and LOG_DIR, which it points there too.

# The cluster the helpers act on: its folder (data/, socket/), its default port, the name its messages start with.
POSTGRES_DIR="$STACK_DIR/postgres"
POSTGRES_DEFAULT_PORT="$DEFAULT_POSTGRES_PORT"
POSTGRES_LABEL=postgres

postgres_bin() {
    local dir
    for dir in "/usr/lib/postgresql/$PG_MAJOR/bin" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

postgres_install() {
    postgres_bin >/dev/null || locked_install postgres postgres_apt_install
}

postgres_apt_install() {
    if postgres_bin >/dev/null; then
        return 0
    fi
    mkdir -p "$LOG_DIR"
    [[ $EUID -eq 0 ]] || fail "Cannot install PostgreSQL: not root; run 'sudo apt-get install -y postgresql' once"
    say "postgres: installing the Debian package postgresql"
    local started=$SECONDS
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >>"$LOG_DIR/postgres-install.log" 2>&1 \
        || { apt-get update -q >>"$LOG_DIR/postgres-install.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >>"$LOG_DIR/postgres-install.log" 2>&1; } \
        || fail "Cannot install PostgreSQL with apt-get (log: $LOG_DIR/postgres-install.log)"
    say "postgres: installed in $((SECONDS - started)) s"
}

# as_postgres CMD...: runs CMD as the postgres user when root, else as ourselves.
as_postgres() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Where the cluster lives: $POSTGRES_DIR, unless we are root and the postgres user cannot reach that folder (a
# checkout under a folder only root may enter, e.g. a 0700 home or CI workspace). Then the cluster lives in a folder
# of the postgres user's, /var/lib/postgresql/energy-lakehouse/<hash of $POSTGRES_DIR>, and $POSTGRES_DIR/home is
# a symlink to it, so that everything below still finds it through $POSTGRES_DIR.
postgres_home() {
    if [[ -L "$POSTGRES_DIR/home" ]]; then
        readlink "$POSTGRES_DIR/home"
    else
        echo "$POSTGRES_DIR"
    fi
}
postgres_data() { echo "$(postgres_home)/data"; }
postgres_socket() { echo "$(postgres_home)/socket"; }
postgres_server_log() { echo "$(postgres_home)/server.log"; }

# postgres_prepare_home: creates the folder (chowned to postgres when root) and, when root and the postgres user
# cannot write there, moves the cluster to a folder of its own (see postgres_home). A new cluster starts empty: a
# folder left by an earlier checkout at the same path is removed first.
postgres_prepare_home() {
    mkdir -p "$POSTGRES_DIR"
    if [[ $EUID -ne 0 ]]; then
        mkdir -p "$(postgres_socket)"
        return 0
    fi
    if [[ ! -L "$POSTGRES_DIR/home" ]]; then
        chown postgres "$POSTGRES_DIR"
        if runuser -u postgres -- test -w "$POSTGRES_DIR" 2>/dev/null; then
            mkdir -p "$(postgres_socket)" && chown postgres "$(postgres_socket)"
            return 0
        fi
        local home
        home="/var/lib/postgresql/energy-lakehouse/$(printf '%s' "$POSTGRES_DIR" | sha256sum | head -c 16)"
        say "$POSTGRES_LABEL: the postgres user cannot reach $POSTGRES_DIR (a parent folder is closed to it); the cluster lives in $home"
        rm -rf "$home"
        mkdir -p -m 755 "$(dirname "$home")"
        mkdir -p "$home"
        ln -sfn "$home" "$POSTGRES_DIR/home"
    fi
    mkdir -p "$(postgres_socket)"
    chown postgres "$(postgres_home)" "$(postgres_socket)"
}

# Last lines of a log, indented, for an error message (CI output often shows only the error).
log_tail() { [[ -f "$1" ]] && tail -n "${2:-15}" "$1" | sed 's/^/    /' >&2 || true; }

postgres_answers() { "$(postgres_bin)/pg_isready" -q -h 127.0.0.1 -p "$(recorded_port postgres)"; }

postgres_psql() {
    as_postgres "$(postgres_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$(postgres_socket)" -p "$(recorded_port postgres)" -U postgres -d postgres "$@"
}

# The stack's cluster: the Iceberg catalog database `lakehouse`, owned by the role of the stack's secrets.
postgres_start() {
    load_secrets
    postgres_cluster_start
    postgres_create_catalog_database
}

# postgres_cluster_start: the cluster in $POSTGRES_DIR, created on first use, reused while it answers.
postgres_cluster_start() {
    postgres_install
    local bin data socket port server_log
    bin="$(postgres_bin)"
    if pid_alive postgres && postgres_answers; then
        say "$POSTGRES_LABEL: already running on 127.0.0.1:$(recorded_port postgres)"
        return 0
    fi
    port="$(pick_port postgres "$POSTGRES_DEFAULT_PORT")"
    postgres_prepare_home
    data="$(postgres_data)"
    socket="$(postgres_socket)"
    # The server writes its log as the postgres user, in the cluster's folder; $LOG_DIR/postgres.log points to it.
    server_log="$(postgres_server_log)"
    touch "$server_log"
    if [[ $EUID -eq 0 ]]; then
        chown postgres "$server_log"
    fi
    ln -sfn "$server_log" "$LOG_DIR/postgres.log"
    if [[ ! -f "$data/PG_VERSION" ]]; then
        as_postgres "$bin/initdb" -D "$data" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
            >>"$LOG_DIR/postgres-initdb.log" 2>&1 \
            || { log_tail "$LOG_DIR/postgres-initdb.log"; fail "Cannot create the PostgreSQL cluster in $data (log: $LOG_DIR/postgres-initdb.log)"; }
    fi
    as_postgres "$bin/pg_ctl" -D "$data" -l "$server_log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$socket" start >/dev/null \
        || { log_tail "$server_log" 20; fail "Cannot start PostgreSQL on 127.0.0.1:$port (log: $LOG_DIR/postgres.log)"; }
    head -n 1 "$data/postmaster.pid" > "$RUN_DIR/postgres.pid"
    wait_until 30 "PostgreSQL" postgres_answers || fail "Cannot reach PostgreSQL on 127.0.0.1:$port after start"
    say "$POSTGRES_LABEL: up on 127.0.0.1:$port, cluster $data"
}

postgres_create_catalog_database() { postgres_create_database "$POSTGRES_USER" "$POSTGRES_PASSWORD" lakehouse; }

# postgres_create_database ROLE PASSWORD DATABASE: a login role (its password set every time) owning DATABASE.
postgres_create_database() {
    local role="$1" password="$2" database="$3"
    postgres_psql <<SQL >/dev/null
SELECT format('CREATE ROLE %I LOGIN', '$role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role')\gexec
ALTER ROLE "$role" PASSWORD '$password';
SELECT format('CREATE DATABASE %I OWNER %I', '$database', '$role') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$database')\gexec
SQL
}

postgres_stop() {
    if [[ -f "$RUN_DIR/postgres.pid" ]]; then
        if pid_alive postgres; then
            as_postgres "$(postgres_bin)/pg_ctl" -D "$(postgres_data)" -m fast -w -t 60 stop >/dev/null 2>&1 || stop_pid postgres
        fi
        rm -f "$RUN_DIR/postgres.pid"
        say "$POSTGRES_LABEL: stopped"
    fi
}

postgres_status() {
    if pid_alive postgres && postgres_answers; then
        say "postgres    up    127.0.0.1:$(recorded_port postgres)  pid $(cat "$RUN_DIR/postgres.pid")"
    else
        say "postgres    down"
        return 1
    fi
}
