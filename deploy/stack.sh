#!/usr/bin/env bash
# The production stack on loopback: MinIO, PostgreSQL (Iceberg catalog), Trino, Spark standalone.
#   deploy/stack.sh install  install what is missing (the four at once), start nothing
#   deploy/stack.sh up       install what is missing, start what is not running, wait until each answers
#   deploy/stack.sh down     stop what `up` started (by the pids it recorded), keep the data
#   deploy/stack.sh status   one line per service; exit 1 when any is down
#   deploy/stack.sh env      the settings jobs use (the file --profile stack reads)
# bin/lakehouse stack ... calls this script.

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$REPO_DIR/deploy/minio.sh"
source "$REPO_DIR/deploy/postgres.sh"
source "$REPO_DIR/deploy/trino.sh"
source "$REPO_DIR/deploy/spark.sh"

SERVICES=(minio postgres trino spark)

write_stack_properties() {
    load_secrets
    local saved_umask
    saved_umask="$(umask)"
    umask 077  # restored below: only this file is private
    cat > "$STACK_PROPERTIES.tmp" <<PROPS
# Written by 'bin/lakehouse stack up'; read by --profile stack and --profile cluster. Contains secrets.
lakehouse.catalog.uri=jdbc:postgresql://127.0.0.1:$(recorded_port postgres)/lakehouse
lakehouse.catalog.user=$POSTGRES_USER
lakehouse.catalog.password=$POSTGRES_PASSWORD
lakehouse.warehouse=s3://lakehouse-warehouse/warehouse
lakehouse.raw-store=s3a://lakehouse-raw/raw
lakehouse.published-root=s3a://lakehouse-published/published
lakehouse.s3.endpoint=http://127.0.0.1:$(recorded_port minio)
lakehouse.s3.region=us-east-1
lakehouse.s3.access-key=$MINIO_ROOT_USER
lakehouse.s3.secret-key=$MINIO_ROOT_PASSWORD
lakehouse.spark.master=spark://127.0.0.1:$(recorded_port spark-master)
lakehouse.spark.home=$(spark_home)
lakehouse.trino.url=jdbc:trino://127.0.0.1:$(recorded_port trino-https)/lakehouse?SSL=true&SSLTrustStorePath=$(trino_cert)
lakehouse.access.entitlements=$(entitlements_file)
lakehouse.access.password-db=$(trino_etc)/password.db
lakehouse.access.passwords=$STACK_DIR/secrets/passwords.properties
PROPS
    mv "$STACK_PROPERTIES.tmp" "$STACK_PROPERTIES"
    umask "$saved_umask"
}

# The four installs at once (downloads, pip and go build overlap); each waits for an install of the same
# service already under way (the build's prefetch, another checkout) instead of doing it twice.
install() {
    ensure_dirs
    local started=$SECONDS pids=() service failed=0
    for service in "${SERVICES[@]}"; do
        "${service}_install" > >(sed "s/^/[$service] /") 2>&1 &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do
        wait "$pid" || failed=1
    done
    [[ $failed == 0 ]] || fail "Cannot install the stack: see the lines above"
    say "stack: installed in $((SECONDS - started)) s (cache $CACHE_DIR)"
}

up() {
    ensure_dirs
    install
    local started=$SECONDS
    minio_start
    postgres_start
    trino_start
    spark_start
    write_stack_properties
    say "stack: up in $((SECONDS - started)) s; settings for --profile stack|cluster in $STACK_PROPERTIES"
    say "stack: Trino CLI: java -jar $(trino_cli_jar) --server https://127.0.0.1:$(recorded_port trino-https) --truststore-path $(trino_cert) --user lakehouse --password --catalog lakehouse"
}

down() {
    ensure_dirs
    spark_stop
    trino_stop
    postgres_stop
    minio_stop
    forget_ports minio minio-console postgres trino trino-https spark-master spark-master-ui spark-worker-ui
    say "stack: down (data kept under $STACK_DIR)"
}

status() {
    ensure_dirs
    local failed=0
    for service in "${SERVICES[@]}"; do
        "${service}_status" || failed=1
    done
    return "$failed"
}

case "${1:-}" in
    install) install ;;
    up) up ;;
    down) down ;;
    status) status ;;
    env) cat "$STACK_PROPERTIES" ;;
    start|stop)
        [[ -n "${2:-}" ]] || fail "Cannot $1: name a service (${SERVICES[*]})"
        [[ " ${SERVICES[*]} " == *" $2 "* ]] || fail "Cannot $1 '$2': not a service of the stack (${SERVICES[*]})"
        ensure_dirs
        "$2_$1" ;;
    *) echo "usage: bin/lakehouse stack install|up|down|status|env|start SERVICE|stop SERVICE" >&2; exit 2 ;;
esac
