# Spark standalone: one master and one worker on loopback, from the pyspark package of the same Spark
# version the jobs are built against (its bin/spark-class and bin/spark-submit, its jars).

spark_venv() { echo "$CACHE_DIR/pyspark-$SPARK_VERSION"; }

spark_home() {
    local venv
    venv="$(spark_venv)"
    "$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'
}

spark_installed() {
    [[ -x "$(spark_venv)/bin/python" ]] && "$(spark_venv)/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$SPARK_VERSION')" 2>/dev/null
}

spark_install() {
    spark_installed || locked_install spark spark_pip_install
}

spark_pip_install() {
    if [[ -x "$(spark_venv)/bin/python" ]] && "$(spark_venv)/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$SPARK_VERSION')" 2>/dev/null; then
        return 0
    fi
    say "spark: installing pyspark==$SPARK_VERSION into $(spark_venv) (once per machine)"
    local started=$SECONDS
    rm -rf "$(spark_venv)"
    python3 -m venv "$(spark_venv)" || fail "Cannot create a Python virtualenv at $(spark_venv) (install python3-venv)"
    mkdir -p "$LOG_DIR"
    "$(spark_venv)/bin/pip" install -q "pyspark==$SPARK_VERSION" >>"$LOG_DIR/spark-install.log" 2>&1 \
        || fail "Cannot install pyspark==$SPARK_VERSION from PyPI (log: $LOG_DIR/spark-install.log)"
    say "spark: installed in $((SECONDS - started)) s"
}

spark_master_url() { echo "spark://127.0.0.1:$(recorded_port spark-master)"; }

# The master's JSON status lists registered workers; ready when one is ALIVE.
spark_answers() {
    curl -fsS --max-time 2 "http://127.0.0.1:$(recorded_port spark-master-ui)/json/" 2>/dev/null | grep -q '"state" : "ALIVE"'
}

spark_start() {
    spark_install
    if pid_alive spark-master && pid_alive spark-worker && spark_answers; then
        say "spark: already running, master $(spark_master_url) (UI http://127.0.0.1:$(recorded_port spark-master-ui))"
        return 0
    fi
    spark_stop_quietly
    local home java port ui worker_ui
    home="$(spark_home)"
    java="$(spark_java_home)"
    port="$(pick_port spark-master "$DEFAULT_SPARK_MASTER_PORT")"
    ui="$(pick_port spark-master-ui "$DEFAULT_SPARK_MASTER_UI_PORT")"
    worker_ui="$(pick_port spark-worker-ui "$DEFAULT_SPARK_WORKER_UI_PORT")"
    mkdir -p "$STACK_DIR/spark/work" "$STACK_DIR/spark/logs"
    export SPARK_HOME="$home" JAVA_HOME="$java" SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR="$STACK_DIR/spark/logs" \
        SPARK_NO_DAEMONIZE=1 SPARK_DAEMON_MEMORY=512m
    setsid "$home/bin/spark-class" org.apache.spark.deploy.master.Master \
        --host 127.0.0.1 --port "$port" --webui-port "$ui" >>"$LOG_DIR/spark-master.log" 2>&1 < /dev/null &
    echo $! > "$RUN_DIR/spark-master.pid"
    wait_until 60 "Spark master" curl -fsS --max-time 2 "http://127.0.0.1:$ui/json/" \
        || fail "Cannot start the Spark master on 127.0.0.1:$port (log: $LOG_DIR/spark-master.log)"
    setsid "$home/bin/spark-class" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores "${LAKEHOUSE_SPARK_WORKER_CORES:-2}" --memory "${LAKEHOUSE_SPARK_WORKER_MEMORY:-6g}" \
        --webui-port "$worker_ui" --work-dir "$STACK_DIR/spark/work" "spark://127.0.0.1:$port" \
        >>"$LOG_DIR/spark-worker.log" 2>&1 < /dev/null &
    echo $! > "$RUN_DIR/spark-worker.pid"
    wait_until 90 "Spark worker" spark_answers \
        || fail "Cannot start the Spark worker: it did not register with spark://127.0.0.1:$port (log: $LOG_DIR/spark-worker.log)"
    say "spark: up, master spark://127.0.0.1:$port (UI http://127.0.0.1:$ui), one worker (UI :$worker_ui), SPARK_HOME $home"
}

spark_stop_quietly() {
    stop_pid spark-worker
    stop_pid spark-master
}

spark_stop() {
    if [[ -f "$RUN_DIR/spark-master.pid" || -f "$RUN_DIR/spark-worker.pid" ]]; then
        spark_stop_quietly
        say "spark: stopped"
    fi
}

spark_status() {
    if pid_alive spark-master && pid_alive spark-worker && spark_answers; then
        say "spark       up    $(spark_master_url) (UI http://127.0.0.1:$(recorded_port spark-master-ui))  pids $(cat "$RUN_DIR/spark-master.pid") $(cat "$RUN_DIR/spark-worker.pid")"
    else
        say "spark       down"
        return 1
    fi
}
