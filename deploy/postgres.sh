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
    if postgres_bin >/dev/null; then
        return 0
    fi
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

postgres_data() { echo "$POSTGRES_DIR/data"; }
postgres_socket() { echo "$POSTGRES_DIR/socket"; }

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
    local bin data socket port
    bin="$(postgres_bin)"
    data="$(postgres_data)"
    socket="$(postgres_socket)"
    if pid_alive postgres && postgres_answers; then
        say "$POSTGRES_LABEL: already running on 127.0.0.1:$(recorded_port postgres)"
        return 0
    fi
    port="$(pick_port postgres "$POSTGRES_DEFAULT_PORT")"
    mkdir -p "$POSTGRES_DIR" "$socket"
    if [[ $EUID -eq 0 ]]; then
        chown postgres "$POSTGRES_DIR" "$socket"
        touch "$LOG_DIR/postgres.log" && chown postgres "$LOG_DIR/postgres.log"
    fi
    if [[ ! -f "$data/PG_VERSION" ]]; then
        as_postgres "$bin/initdb" -D "$data" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
            >>"$LOG_DIR/postgres-initdb.log" 2>&1 || fail "Cannot create the PostgreSQL cluster in $data (log: $LOG_DIR/postgres-initdb.log)"
    fi
    as_postgres "$bin/pg_ctl" -D "$data" -l "$LOG_DIR/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$socket" start >/dev/null \
        || { tail -n 20 "$LOG_DIR/postgres.log" >&2; fail "Cannot start PostgreSQL on 127.0.0.1:$port (log: $LOG_DIR/postgres.log)"; }
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
