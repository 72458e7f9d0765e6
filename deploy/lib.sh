# Shared by the deploy scripts: where things live, pinned versions, process and port helpers.
# Sourced, never run. Every service binds to 127.0.0.1; every process we start is recorded by pid in
# $STACK_DIR/run so that `down` stops exactly what `up` started.

set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# State of this checkout's stack (data, logs, pids, generated config and secrets).
STACK_DIR="${LAKEHOUSE_STACK_DIR:-$REPO_DIR/var/stack}"
# Downloads and builds shared by every checkout on the machine (reused between runs, never committed).
CACHE_DIR="${LAKEHOUSE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/energy-lakehouse}"

# Pinned versions. MinIO has no semver tags: this pseudo-version is RELEASE.2026-02-12 (commit 7aac2a2c5b7c),
# the newest the Go module proxy serves (`go list -m github.com/minio/minio@latest`).
MINIO_MODULE="github.com/minio/minio"
MINIO_VERSION="${LAKEHOUSE_MINIO_VERSION:-v0.0.0-20260212201848-7aac2a2c5b7c}"
TRINO_VERSION="476"
SPARK_VERSION="4.1.0"
PG_MAJOR="${LAKEHOUSE_PG_MAJOR:-15}"
MAVEN_CENTRAL="${LAKEHOUSE_MAVEN_REPO:-https://repo1.maven.org/maven2}"

# Default ports; `up` takes the next free one when a default is busy and says which.
DEFAULT_MINIO_PORT=9000
DEFAULT_MINIO_CONSOLE_PORT=9001
DEFAULT_POSTGRES_PORT=55432
DEFAULT_TRINO_HTTP_PORT=8080
DEFAULT_TRINO_HTTPS_PORT=8443
DEFAULT_SPARK_MASTER_PORT=7077
DEFAULT_SPARK_MASTER_UI_PORT=8090
DEFAULT_SPARK_WORKER_UI_PORT=8091

BUCKETS=(lakehouse-warehouse lakehouse-raw lakehouse-published)

RUN_DIR="$STACK_DIR/run"
LOG_DIR="$STACK_DIR/logs"
SECRETS_FILE="$STACK_DIR/secrets/stack.env"
STACK_PROPERTIES="$STACK_DIR/stack.properties"

say() { printf '%s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

ensure_dirs() {
    mkdir -p "$RUN_DIR" "$LOG_DIR" "$STACK_DIR/secrets" "$CACHE_DIR/downloads"
    chmod 700 "$STACK_DIR/secrets"
}

# Secrets are generated once per stack and kept in a file only root (or the owner) can read.
load_secrets() {
    ensure_dirs
    if [[ ! -f "$SECRETS_FILE" ]]; then
        # A subshell: the umask must not leak into the folders created afterwards (the postgres user walks them).
        (umask 077
        {
            echo "MINIO_ROOT_USER=lakehouse-admin"
            echo "MINIO_ROOT_PASSWORD=$(random_secret)"
            echo "POSTGRES_USER=lakehouse"
            echo "POSTGRES_PASSWORD=$(random_secret)"
            echo "TRINO_SHARED_SECRET=$(random_secret)$(random_secret)"
            echo "TRINO_KEYSTORE_PASSWORD=$(random_secret)"
        } > "$SECRETS_FILE")
    fi
    # shellcheck disable=SC1090
    source "$SECRETS_FILE"
}

random_secret() { head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 24; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pick_port NAME DEFAULT: the port recorded for NAME while it is free (a restarted service keeps its
# port), else DEFAULT or the next free one above it.
pick_port() {
    local name="$1" port="$2" file="$RUN_DIR/$1.port"
    if [[ -f "$file" ]] && ! port_in_use "$(cat "$file")"; then
        cat "$file"
        return
    fi
    while port_in_use "$port" || port_taken_by_other_service "$name" "$port"; do
        port=$((port + 1))
    done
    echo "$port" > "$file"
    echo "$port"
}

# A port another service of this stack has recorded (it may be stopped for a moment) is not free.
port_taken_by_other_service() {
    local name="$1" port="$2" file
    for file in "$RUN_DIR"/*.port; do
        [[ -f "$file" && "$file" != "$RUN_DIR/$name.port" && "$(cat "$file")" == "$port" ]] && return 0
    done
    return 1
}

recorded_port() {
    local file="$RUN_DIR/$1.port"
    [[ -f "$file" ]] && cat "$file"
}

pid_alive() {
    local file="$RUN_DIR/$1.pid"
    [[ -f "$file" ]] && kill -0 "$(cat "$file")" 2>/dev/null
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every half second.
wait_until() {
    local seconds="$1" description="$2"
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            return 1
        fi
        sleep 0.5
    done
}

# stop_pid NAME: TERM, wait up to 30 s, then KILL; forgets the pid and the port.
stop_pid() {
    local name="$1" file="$RUN_DIR/$1.pid"
    if [[ ! -f "$file" ]]; then
        return 0
    fi
    local pid
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$file"
}

forget_ports() {
    for name in "$@"; do
        rm -f "$RUN_DIR/$name.port"
    done
}

# download URL TARGET: into the shared cache, atomically, once, checked against the repository's published
# SHA-1 (Maven Central keeps URL.sha1 beside every file) before it is kept.
download() {
    local url="$1" target="$2" expected actual
    if [[ -s "$target" ]]; then
        return 0
    fi
    mkdir -p "$(dirname "$target")"
    expected="$(curl -fsSL --retry 3 "$url.sha1" | head -c 40)" \
        || fail "Cannot download $url.sha1: is Maven Central reachable? (set LAKEHOUSE_MAVEN_REPO for a mirror)"
    curl -fsSL --retry 3 -o "$target.part" "$url" || fail "Cannot download $url: is Maven Central reachable? (set LAKEHOUSE_MAVEN_REPO for a mirror)"
    actual="$(sha1sum "$target.part" | head -c 40)"
    if [[ "$actual" != "$expected" ]]; then
        rm -f "$target.part"
        fail "Cannot use the download of $url: its SHA-1 is $actual, the repository says $expected (a truncated or altered file); rerun to fetch it again"
    fi
    mv "$target.part" "$target"
}

# locked_install NAME COMMAND...: runs an install under an exclusive lock of the machine's cache, so two
# installers (a prefetch started by the build and a 'stack up', or two checkouts) never build the same thing
# twice or see half of it: the second waits, then finds it installed. COMMAND must check for that itself.
locked_install() {
    local name="$1"
    shift
    mkdir -p "$CACHE_DIR/locks"
    (
        if ! flock -n 9; then
            say "$name: another install is under way (lock $CACHE_DIR/locks/$name.lock); waiting for it"
            flock -w "${LAKEHOUSE_INSTALL_WAIT_SECONDS:-5400}" 9 || fail "Cannot install $name: the install lock $CACHE_DIR/locks/$name.lock was held for over ${LAKEHOUSE_INSTALL_WAIT_SECONDS:-5400} s"
        fi
        "$@"
    ) 9>"$CACHE_DIR/locks/$name.lock"
}

temurin_java() {
    local candidate
    for candidate in ${LAKEHOUSE_TRINO_JAVA_HOME:-} /usr/lib/jvm/temurin-2[4-9]* /usr/lib/jvm/temurin-[3-9][0-9]* /usr/lib/jvm/java-2[4-9]*; do
        if [[ -n "$candidate" && -x "$candidate/bin/java" ]]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

spark_java_home() {
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        echo "$JAVA_HOME"
    else
        dirname "$(dirname "$(readlink -f "$(command -v java)")")"
    fi
}
