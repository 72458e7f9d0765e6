#!/usr/bin/env bash
# Starts the installs the integration suites need (MinIO, PostgreSQL, Trino, pyspark, Airflow) in the background
# and returns at once: `mvn verify` calls it first, so downloads and the MinIO build overlap the unit tests.
# The suites' own `stack up` and `airflow start` then wait on the same install locks (deploy/lib.sh) and find
# everything in place. Nothing is started; a second run on the same machine finds the cache and does nothing.
# LAKEHOUSE_PREFETCH=0 turns it off.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ "${LAKEHOUSE_PREFETCH:-1}" == 1 ]] || exit 0
cache="${LAKEHOUSE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/energy-lakehouse}"
mkdir -p "$cache"
log="$cache/prefetch.log"
echo "Prefetching the stack and Airflow installs in the background (log: $log)"
# A stack folder of its own: install logs only, no services and no secrets of any checkout's stack.
LAKEHOUSE_STACK_DIR="$cache/prefetch-stack" LAKEHOUSE_AIRFLOW_DIR="$cache/prefetch-airflow" setsid nohup bash -c \
    "'$root/deploy/stack.sh' install; '$root/deploy/airflow.sh' install" >>"$log" 2>&1 < /dev/null &
exit 0
