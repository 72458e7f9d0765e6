# MinIO: object storage for the warehouse, the raw payloads and the published files.
# Built from source with `go install` at a pinned pseudo-version; data under $STACK_DIR/minio.

minio_binary() { echo "$CACHE_DIR/minio-$MINIO_VERSION/bin/minio"; }

minio_install() {
    [[ -x "$(minio_binary)" ]] || locked_install minio minio_build
}

minio_build() {
    local binary
    binary="$(minio_binary)"
    if [[ -x "$binary" ]]; then
        return 0
    fi
    command -v go >/dev/null || fail "Cannot install MinIO: 'go' is not on PATH (install Go 1.24 or newer)"
    say "minio: building $MINIO_MODULE@$MINIO_VERSION with go install (a few minutes, once per machine)"
    local started=$SECONDS
    GOBIN="$(dirname "$binary")" CGO_ENABLED=0 go install "$MINIO_MODULE@$MINIO_VERSION" \
        || fail "Cannot install MinIO: go install $MINIO_MODULE@$MINIO_VERSION failed (is the Go module proxy reachable?)"
    say "minio: installed in $((SECONDS - started)) s -> $binary"
}

minio_endpoint() { echo "http://127.0.0.1:$(recorded_port minio)"; }

minio_answers() { curl -fsS -o /dev/null --max-time 2 "$(minio_endpoint)/minio/health/live"; }

minio_start() {
    minio_install
    load_secrets
    if pid_alive minio && minio_answers; then
        say "minio: already running on 127.0.0.1:$(recorded_port minio) (console 127.0.0.1:$(recorded_port minio-console))"
        minio_create_buckets
        return 0
    fi
    rm -f "$RUN_DIR/minio.pid"
    local port console
    port="$(pick_port minio "$DEFAULT_MINIO_PORT")"
    console="$(pick_port minio-console "$DEFAULT_MINIO_CONSOLE_PORT")"
    mkdir -p "$STACK_DIR/minio/data"
    MINIO_ROOT_USER="$MINIO_ROOT_USER" MINIO_ROOT_PASSWORD="$MINIO_ROOT_PASSWORD" MINIO_BROWSER_REDIRECT=off \
        MINIO_UPDATE=off MINIO_CI_CD=on \
        setsid "$(minio_binary)" server "$STACK_DIR/minio/data" \
        --address "127.0.0.1:$port" --console-address "127.0.0.1:$console" --quiet \
        >>"$LOG_DIR/minio.log" 2>&1 < /dev/null &
    echo $! > "$RUN_DIR/minio.pid"
    if ! wait_until 60 "MinIO health" minio_answers; then
        tail -n 20 "$LOG_DIR/minio.log" >&2 || true
        fail "Cannot start MinIO on 127.0.0.1:$port: it did not answer within 60 s (log: $LOG_DIR/minio.log)"
    fi
    say "minio: up on 127.0.0.1:$port (console 127.0.0.1:$console), data $STACK_DIR/minio/data"
    minio_create_buckets
}

# Buckets are created with plain S3 PUT requests signed by curl (SigV4); 409 means it already exists.
minio_create_buckets() {
    local bucket code
    for bucket in "${BUCKETS[@]}"; do
        code="$(curl -s -o /dev/null -w '%{http_code}' --aws-sigv4 "aws:amz:us-east-1:s3" \
            --user "$MINIO_ROOT_USER:$MINIO_ROOT_PASSWORD" -X PUT "$(minio_endpoint)/$bucket")"
        case "$code" in
            200|409) ;;
            *) fail "Cannot create bucket $bucket on MinIO at $(minio_endpoint): HTTP $code" ;;
        esac
    done
}

minio_stop() {
    if [[ -f "$RUN_DIR/minio.pid" ]]; then
        stop_pid minio
        say "minio: stopped"
    fi
}

minio_status() {
    if pid_alive minio && minio_answers; then
        say "minio       up    127.0.0.1:$(recorded_port minio) (console :$(recorded_port minio-console))  pid $(cat "$RUN_DIR/minio.pid")"
    else
        say "minio       down"
        return 1
    fi
}
