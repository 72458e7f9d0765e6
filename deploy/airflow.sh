#!/usr/bin/env bash
# Airflow 3 for the lakehouse, on loopback, with its metadata database (a PostgreSQL cluster of its own) and logs
# under var/airflow.
#   deploy/airflow.sh install                 venv with airflow-dags/requirements.txt (pinned), pyspark for spark-submit
#   deploy/airflow.sh start [--profile P] [--replay-dir DIR]
#                                             PostgreSQL (metadata) + api-server + scheduler + dag-processor;
#                                             P = local (default), stack or cluster
#   deploy/airflow.sh stop | status | env     stop what start started; one line per component; the environment
#   deploy/airflow.sh cli ARGS...             the airflow CLI in that environment (dags test, backfill create, ...)
#   deploy/airflow.sh trigger DAG --date D [--wait]
#                                             trigger a run through the REST API (v2) and follow it
#   deploy/airflow.sh password                the admin password (user admin) for the UI and the REST API
# bin/lakehouse airflow ... calls this script. LAKEHOUSE_AIRFLOW_DIR moves the state folder (tests use their own).

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$REPO_DIR/deploy/postgres.sh"
source "$REPO_DIR/deploy/spark.sh"

AIRFLOW_VERSION="3.3.2"
REQUIREMENTS="$REPO_DIR/airflow-dags/requirements.txt"
AIRFLOW_DIR="${LAKEHOUSE_AIRFLOW_DIR:-$REPO_DIR/var/airflow}"
DEFAULT_AIRFLOW_PORT=8280
COMPONENTS=(api-server scheduler dag-processor)
# The helpers of lib.sh keep pids, ports and logs in these folders.
RUN_DIR="$AIRFLOW_DIR/run"
LOG_DIR="$AIRFLOW_DIR/logs/services"
ENV_FILE="$AIRFLOW_DIR/airflow.env"
# The metadata database: a PostgreSQL cluster of Airflow's own (deploy/postgres.sh), not SQLite, because the
# scheduler and a CLI call (backfill create) write at the same time. Role and database `airflow`.
POSTGRES_DIR="$AIRFLOW_DIR/postgres"
POSTGRES_DEFAULT_PORT=55442
POSTGRES_LABEL="airflow postgres"
METADATA_PASSWORD_FILE="$AIRFLOW_DIR/secrets/postgres.password"

airflow_venv() {
    local digest
    digest="$(sha256sum "$REQUIREMENTS" | head -c 12)"
    echo "$CACHE_DIR/airflow-$AIRFLOW_VERSION-$digest"
}

airflow_install() {
    mkdir -p "$LOG_DIR" "$CACHE_DIR"
    [[ -f "$(airflow_venv)/.installed" ]] || locked_install airflow airflow_pip_install
    spark_install
}

airflow_pip_install() {
    local venv started=$SECONDS
    venv="$(airflow_venv)"
    if [[ ! -f "$venv/.installed" ]]; then
        say "airflow: installing apache-airflow==$AIRFLOW_VERSION and its pinned requirements into $venv (once per machine)"
        rm -rf "$venv"
        python3 -m venv "$venv" || fail "Cannot create a Python virtualenv at $venv (install python3-venv)"
        "$venv/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS" >>"$LOG_DIR/airflow-install.log" 2>&1 \
            || fail "Cannot install $REQUIREMENTS from PyPI (log: $LOG_DIR/airflow-install.log)"
        touch "$venv/.installed"
        say "airflow: installed in $((SECONDS - started)) s"
    fi
}

random_password() { head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 20; }

ensure_secrets_dir() {
    mkdir -p "$AIRFLOW_DIR/secrets"
    chmod 700 "$AIRFLOW_DIR/secrets"
}

# Starts (or reuses) the metadata cluster; the role's password is generated once (letters and digits: URL-safe).
metadata_start() {
    ensure_secrets_dir
    if [[ ! -s "$METADATA_PASSWORD_FILE" ]]; then
        (umask 077; random_password > "$METADATA_PASSWORD_FILE")
    fi
    postgres_cluster_start
    postgres_create_database airflow "$(cat "$METADATA_PASSWORD_FILE")" airflow \
        || fail "Cannot create the role and database airflow in $(postgres_data) (log: $LOG_DIR/postgres.log)"
}

# Almost every CLI command reads the metadata database: say so plainly instead of a driver's 'Connection refused'.
warn_unless_metadata_answers() {
    pid_alive postgres && postgres_answers && return 0
    say "airflow: warning: the metadata database (PostgreSQL, cluster $(postgres_data)) is not running; run 'bin/lakehouse airflow start'" >&2
}

metadata_location() { echo "PostgreSQL 127.0.0.1:$(recorded_port postgres), database airflow, cluster $(postgres_data)"; }

# The environment every component, task and CLI call shares; written by start, secrets generated once.
write_env() {
    local profile="$1" replay="$2" port="$3" venv spark master_host master_port
    venv="$(airflow_venv)"
    spark="$(spark_home)"
    ensure_secrets_dir
    if [[ ! -f "$AIRFLOW_DIR/secrets/jwt.secret" ]]; then
        (umask 077; random_password > "$AIRFLOW_DIR/secrets/jwt.secret"; random_password > "$AIRFLOW_DIR/secrets/api.secret")
    fi
    if [[ ! -f "$AIRFLOW_DIR/secrets/passwords.json" ]]; then
        (umask 077; printf '{"admin": "%s"}\n' "$(random_password)" > "$AIRFLOW_DIR/secrets/passwords.json")
    fi
    if [[ "$profile" != local && ! -f "$STACK_DIR/stack.properties" ]]; then
        fail "Cannot start Airflow for profile $profile: no $STACK_DIR/stack.properties; run 'bin/lakehouse stack up' first"
    fi
    case "$profile" in
        local|stack) master_host="local[2]"; master_port="" ;;
        cluster)
            master_host="spark://127.0.0.1"
            master_port="$(sed -n 's|^lakehouse.spark.master=spark://127.0.0.1:||p' "$STACK_DIR/stack.properties")" ;;
        *) fail "Cannot start Airflow for profile '$profile': use local, stack or cluster" ;;
    esac
    local saved_umask
    saved_umask="$(umask)"
    umask 077  # restored below: only this file is private
    cat > "$ENV_FILE.tmp" <<ENV
# Written by 'bin/lakehouse airflow start'; read by every Airflow component and by 'bin/lakehouse airflow cli|trigger'.
export AIRFLOW_HOME='$AIRFLOW_DIR'
export AIRFLOW__CORE__DAGS_FOLDER='$REPO_DIR/airflow-dags/dags'
export AIRFLOW__CORE__LOAD_EXAMPLES=False
# Airflow's own PostgreSQL (started by 'airflow start'); the async engine uses the same URL with asyncpg.
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN='postgresql+psycopg2://airflow:$(cat "$METADATA_PASSWORD_FILE")@127.0.0.1:$(recorded_port postgres)/airflow'
export AIRFLOW__CORE__EXECUTOR=LocalExecutor
export AIRFLOW__CORE__PARALLELISM=2
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=True
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL='http://127.0.0.1:$port/execution/'
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS='admin:admin'
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE='$AIRFLOW_DIR/secrets/passwords.json'
export AIRFLOW__API__HOST=127.0.0.1
export AIRFLOW__API__PORT=$port
export AIRFLOW__API__WORKERS=1
export AIRFLOW__API__BASE_URL='http://127.0.0.1:$port'
export AIRFLOW__API__SECRET_KEY='$(cat "$AIRFLOW_DIR/secrets/api.secret")'
export AIRFLOW__API_AUTH__JWT_SECRET='$(cat "$AIRFLOW_DIR/secrets/jwt.secret")'
export AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=10
export AIRFLOW_CONN_LAKEHOUSE_SPARK='{"conn_type": "spark", "host": "$master_host"${master_port:+, "port": $master_port}}'
export SPARK_HOME='$spark'
export JAVA_HOME='$(spark_java_home)'
export SPARK_LOCAL_IP=127.0.0.1
export PATH='$spark/bin:$venv/bin:$PATH'
export LAKEHOUSE_ROOT='$REPO_DIR'
export LAKEHOUSE_PROFILE='$profile'
export LAKEHOUSE_HOME='${LAKEHOUSE_HOME:-$REPO_DIR/var/lakehouse}'
export LAKEHOUSE_STACK_DIR='$STACK_DIR'
export LAKEHOUSE_LOG_FILE='${LAKEHOUSE_LOG_FILE:-$REPO_DIR/var/log/lakehouse.log}'
export LAKEHOUSE_REPLAY_DIR='$replay'
export LAKEHOUSE_AIRFLOW_RETRIES='${LAKEHOUSE_AIRFLOW_RETRIES:-2}'
export LAKEHOUSE_AIRFLOW_RETRY_DELAY_SECONDS='${LAKEHOUSE_AIRFLOW_RETRY_DELAY_SECONDS:-300}'
export LAKEHOUSE_AIRFLOW_PORT=$port
# Extra JVM options for every submitted driver (a profiler, or the quick JIT the end-to-end tests use on their small days).
export LAKEHOUSE_DRIVER_JAVA_OPTIONS='${LAKEHOUSE_DRIVER_JAVA_OPTIONS:-}'
ENV
    mv "$ENV_FILE.tmp" "$ENV_FILE"
    umask "$saved_umask"
}

load_env() {
    [[ -f "$ENV_FILE" ]] || fail "Cannot use Airflow: it was never started here ($ENV_FILE missing); run 'bin/lakehouse airflow start'"
    # shellcheck disable=SC1090
    source "$ENV_FILE"
}

api_answers() {
    curl -fsS --max-time 2 "http://127.0.0.1:$(recorded_port airflow-api)/api/v2/monitor/health" >/dev/null 2>&1
}

airflow_start() {
    local profile=local replay=""
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --profile) profile="${2:?--profile needs a value}"; shift 2 ;;
            --replay-dir) replay="$(cd "${2:?--replay-dir needs a folder}" && pwd)" || fail "Cannot replay from $2: no such folder"; shift 2 ;;
            *) fail "Cannot start Airflow: unknown option '$1' (use --profile local|stack|cluster, --replay-dir DIR)" ;;
        esac
    done
    mkdir -p "$RUN_DIR" "$LOG_DIR"
    local started=$SECONDS running=1 component
    for component in "${COMPONENTS[@]}"; do
        pid_alive "airflow-$component" || running=0
    done
    pid_alive postgres || running=0
    if ((running)) && api_answers; then
        say "airflow: already running at http://127.0.0.1:$(recorded_port airflow-api) (stop it first to change --profile or --replay-dir)"
        return 0
    fi
    airflow_stop_quietly
    airflow_install
    # The DAG tasks spark-submit the CLI jar: build it now if the sources changed.
    "$REPO_DIR/bin/lakehouse" --version >/dev/null
    metadata_start
    write_env "$profile" "$replay" "$(pick_port airflow-api "$DEFAULT_AIRFLOW_PORT")"
    load_env
    airflow db migrate >>"$LOG_DIR/db-migrate.log" 2>&1 \
        || fail "Cannot migrate Airflow's metadata database ($(metadata_location)) (log: $LOG_DIR/db-migrate.log)"
    # One lakehouse job at a time (see lakehouse_dags/jobs.py WRITER_POOL); raise the slots on a real cluster.
    airflow pools set lakehouse_writers "${LAKEHOUSE_AIRFLOW_WRITER_SLOTS:-1}" "Jobs that write the lakehouse" >>"$LOG_DIR/db-migrate.log" 2>&1 \
        || fail "Cannot create the Airflow pool lakehouse_writers (log: $LOG_DIR/db-migrate.log)"
    for component in "${COMPONENTS[@]}"; do
        local arguments=()
        # The scheduler's log server binds every interface; the api-server reads task logs from this disk.
        [[ "$component" == scheduler ]] && arguments=(--skip-serve-logs)
        setsid airflow "$component" "${arguments[@]}" >>"$LOG_DIR/$component.log" 2>&1 < /dev/null &
        echo $! > "$RUN_DIR/airflow-$component.pid"
    done
    wait_until 120 "Airflow api-server" api_answers \
        || fail "Cannot start Airflow's api-server on 127.0.0.1:$AIRFLOW__API__PORT (log: $LOG_DIR/api-server.log)"
    say "airflow: up in $((SECONDS - started)) s at http://127.0.0.1:$AIRFLOW__API__PORT (user admin, password: bin/lakehouse airflow password); profile $profile${replay:+, replaying files from $replay}"
    say "airflow: DAGs from $AIRFLOW__CORE__DAGS_FOLDER, metadata in $(metadata_location), task logs in $AIRFLOW_DIR/logs"
}

airflow_stop_quietly() {
    local component
    for component in "${COMPONENTS[@]}"; do
        stop_tree "airflow-$component"
    done
}

# Airflow components fork workers (uvicorn, the LocalExecutor's, task supervisors): stop the whole session.
stop_tree() {
    local file="$RUN_DIR/$1.pid" pid
    [[ -f "$file" ]] || return 0
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

airflow_stop() {
    mkdir -p "$RUN_DIR"
    airflow_stop_quietly
    postgres_stop
    forget_ports airflow-api postgres
    say "airflow: stopped (metadata database and logs kept under $AIRFLOW_DIR)"
}

airflow_status() {
    mkdir -p "$RUN_DIR"
    local failed=0 component
    for component in "${COMPONENTS[@]}"; do
        if pid_alive "airflow-$component"; then
            say "airflow $component: running (pid $(cat "$RUN_DIR/airflow-$component.pid"))"
        else
            say "airflow $component: down"
            failed=1
        fi
    done
    if pid_alive postgres && postgres_answers; then
        say "airflow postgres: running (pid $(cat "$RUN_DIR/postgres.pid")), metadata in $(metadata_location)"
    else
        say "airflow postgres: down"
        failed=1
    fi
    if api_answers; then
        say "airflow api: http://127.0.0.1:$(recorded_port airflow-api) answers"
    else
        say "airflow api: not answering"
        failed=1
    fi
    return "$failed"
}

case "${1:-}" in
    install) airflow_install ;;
    venv) airflow_venv ;;
    start) shift; airflow_start "$@" ;;
    stop) airflow_stop ;;
    status) airflow_status ;;
    env) cat "$ENV_FILE" ;;
    password) load_env; python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["admin"])' "$AIRFLOW_DIR/secrets/passwords.json" ;;
    cli) shift; load_env; warn_unless_metadata_answers; exec airflow "$@" ;;
    trigger) shift; load_env; exec "$(airflow_venv)/bin/python" "$REPO_DIR/airflow-dags/trigger.py" "$@" ;;
    *) echo "usage: bin/lakehouse airflow install|start [--profile P] [--replay-dir DIR]|stop|status|env|password|cli ARGS...|trigger DAG --date D [--wait]" >&2; exit 2 ;;
esac
