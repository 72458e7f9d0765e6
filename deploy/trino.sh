# Trino: SQL over the same Iceberg catalog (PostgreSQL) and warehouse (MinIO). Server tarball and CLI from
# Maven Central, run on a Temurin JDK 24+ from /usr/lib/jvm. HTTPS on loopback with a self-signed
# certificate, password-file authentication, file group provider and file-based access control rendered
# from conf/entitlements.properties by `bin/lakehouse access render-trino`.

trino_home() { echo "$CACHE_DIR/trino-server-$TRINO_VERSION"; }
trino_cli_jar() { echo "$CACHE_DIR/downloads/trino-cli-$TRINO_VERSION-executable.jar"; }
trino_etc() { echo "$STACK_DIR/trino/etc"; }
trino_cert() { echo "$STACK_DIR/trino/etc/trino-cert.pem"; }

trino_install() {
    [[ -x "$(trino_home)/bin/launcher" && -s "$(trino_cli_jar)" ]] || locked_install trino trino_fetch
}

trino_fetch() {
    temurin_java >/dev/null || fail "Cannot install Trino $TRINO_VERSION: it needs Java 24 or newer and none is under /usr/lib/jvm (set LAKEHOUSE_TRINO_JAVA_HOME)"
    if [[ ! -x "$(trino_home)/bin/launcher" ]]; then
        local started=$SECONDS tarball="$CACHE_DIR/downloads/trino-server-$TRINO_VERSION.tar.gz"
        say "trino: downloading trino-server $TRINO_VERSION (800 MB, once per machine)"
        download "$MAVEN_CENTRAL/io/trino/trino-server/$TRINO_VERSION/trino-server-$TRINO_VERSION.tar.gz" "$tarball"
        # The whole tarball: it uses hard links between plugin folders.
        rm -rf "$(trino_home).part" && mkdir -p "$(trino_home).part"
        tar -xzf "$tarball" -C "$(trino_home).part" --strip-components=1
        mv "$(trino_home).part" "$(trino_home)"
        say "trino: installed in $((SECONDS - started)) s -> $(trino_home)"
    fi
    download "$MAVEN_CENTRAL/io/trino/trino-cli/$TRINO_VERSION/trino-cli-$TRINO_VERSION-executable.jar" "$(trino_cli_jar)"
    chmod +x "$(trino_cli_jar)"
}

trino_answers() {
    curl -fsS --max-time 3 "http://127.0.0.1:$(recorded_port trino)/v1/info" 2>/dev/null | grep -q '"starting":false'
}

# Stops waiting early when the server process has exited (a configuration error, say).
trino_answers_or_exited() { trino_answers || ! pid_alive trino; }

trino_configure() {
    local etc http https plugin
    etc="$(trino_etc)"
    http="$(pick_port trino "$DEFAULT_TRINO_HTTP_PORT")"
    https="$(pick_port trino-https "$DEFAULT_TRINO_HTTPS_PORT")"
    mkdir -p "$etc/catalog" "$STACK_DIR/trino/data"
    chmod 700 "$etc"
    # Only the plugins we use: start-up loads every plugin folder and the full set takes minutes on 2 cores.
    plugin="$STACK_DIR/trino/plugin"
    rm -rf "$plugin" && mkdir -p "$plugin"
    ln -s "$(trino_home)/plugin/iceberg" "$plugin/iceberg"
    ln -s "$(trino_home)/plugin/password-authenticators" "$plugin/password-authenticators"

    if [[ ! -f "$etc/keystore.p12" ]]; then
        local keytool
        keytool="$(temurin_java)/bin/keytool"
        "$keytool" -genkeypair -alias trino -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=localhost" \
            -ext "SAN=ip:127.0.0.1,dns:localhost" -keystore "$etc/keystore.p12" -storetype PKCS12 \
            -storepass "$TRINO_KEYSTORE_PASSWORD" -keypass "$TRINO_KEYSTORE_PASSWORD" >/dev/null 2>&1
        "$keytool" -exportcert -rfc -alias trino -keystore "$etc/keystore.p12" -storepass "$TRINO_KEYSTORE_PASSWORD" \
            -file "$(trino_cert)" >/dev/null 2>&1
        chmod 644 "$(trino_cert)"
    fi

    cat > "$etc/jvm.config" <<PROPS
-server
-Xmx${LAKEHOUSE_TRINO_HEAP:-3G}
-XX:InitialRAMPercentage=10
-XX:+ExplicitGCInvokesConcurrent
-XX:+ExitOnOutOfMemoryError
-XX:-OmitStackTraceInFastThrow
-XX:ReservedCodeCacheSize=256M
-XX:PerMethodRecompilationCutoff=10000
-XX:PerBytecodeRecompilationCutoff=10000
-Djdk.attach.allowAttachSelf=true
-Djdk.nio.maxCachedBufferSize=2000000
-Dfile.encoding=UTF-8
-XX:+EnableDynamicAgentLoading
PROPS
    cat > "$etc/config.properties" <<PROPS
node.environment=lakehouse
node.id=lakehouse-coordinator
node.bind-ip=127.0.0.1
node.internal-address=127.0.0.1
catalog.config-dir=$etc/catalog
coordinator=true
node-scheduler.include-coordinator=true
plugin.dir=$plugin
http-server.http.port=$http
discovery.uri=http://127.0.0.1:$http
http-server.https.enabled=true
http-server.https.port=$https
http-server.https.keystore.path=$etc/keystore.p12
http-server.https.keystore.key=$TRINO_KEYSTORE_PASSWORD
http-server.authentication.type=PASSWORD
internal-communication.shared-secret=$TRINO_SHARED_SECRET
query.max-memory=1GB
query.max-memory-per-node=1GB
PROPS
    # iceberg.security=READ_ONLY: the catalog itself refuses every write, DDL statement and procedure (CALL,
    # ALTER TABLE EXECUTE), whoever asks; rules.json gives SELECT only. Tables change through the lakehouse's commands.
    cat > "$etc/catalog/lakehouse.properties" <<PROPS
connector.name=iceberg
iceberg.security=READ_ONLY
iceberg.catalog.type=jdbc
iceberg.jdbc-catalog.catalog-name=lakehouse
iceberg.jdbc-catalog.driver-class=org.postgresql.Driver
iceberg.jdbc-catalog.connection-url=jdbc:postgresql://127.0.0.1:$(recorded_port postgres)/lakehouse
iceberg.jdbc-catalog.connection-user=$POSTGRES_USER
iceberg.jdbc-catalog.connection-password=$POSTGRES_PASSWORD
iceberg.jdbc-catalog.default-warehouse-dir=s3://lakehouse-warehouse/warehouse
fs.native-s3.enabled=true
s3.endpoint=http://127.0.0.1:$(recorded_port minio)
s3.region=us-east-1
s3.path-style-access=true
s3.aws-access-key=$MINIO_ROOT_USER
s3.aws-secret-key=$MINIO_ROOT_PASSWORD
PROPS
    cat > "$etc/password-authenticator.properties" <<PROPS
password-authenticator.name=file
file.password-file=$etc/password.db
PROPS
    cat > "$etc/group-provider.properties" <<PROPS
group-provider.name=file
file.group-file=$etc/group.txt
PROPS
    cat > "$etc/access-control.properties" <<PROPS
access-control.name=file
security.config-file=$etc/rules.json
security.refresh-period=5s
PROPS
    trino_render_access
}

# Users, groups and row filters come from the entitlements file; rendered again on every `up`, and Trino
# re-reads them within 5 s, so `bin/lakehouse access render-trino` after an edit is enough.
trino_render_access() {
    LAKEHOUSE_SKIP_BUILD="${LAKEHOUSE_SKIP_BUILD:-}" "$REPO_DIR/bin/lakehouse" access render-trino \
        --entitlements "$(entitlements_file)" --passwords "$STACK_DIR/secrets/passwords.properties" --out "$(trino_etc)" >/dev/null \
        || fail "Cannot render Trino's access files from $(entitlements_file)"
}

entitlements_file() { echo "${LAKEHOUSE_ENTITLEMENTS:-$REPO_DIR/conf/entitlements.properties}"; }

trino_start() {
    trino_install
    load_secrets
    if pid_alive trino && trino_answers; then
        trino_render_access
        say "trino: already running on https://127.0.0.1:$(recorded_port trino-https) (internal http :$(recorded_port trino))"
        return 0
    fi
    rm -f "$RUN_DIR/trino.pid"
    trino_configure
    local java
    java="$(temurin_java)"
    : > "$LOG_DIR/trino.log"
    touch "$(trino_etc)/log.properties"
    # Working directory $STACK_DIR/trino: Trino finds etc/password-authenticator.properties,
    # etc/group-provider.properties and etc/access-control.properties there.
    cd "$STACK_DIR/trino"
    JAVA_HOME="$java" PATH="$java/bin:$PATH" setsid "$java/bin/java" \
        $(grep -v '^#' "$(trino_etc)/jvm.config" | tr '\n' ' ') \
        -Dlog.levels-file="$(trino_etc)/log.properties" -Dconfig="$(trino_etc)/config.properties" \
        -cp "$(trino_home)/lib/*" io.trino.server.TrinoServer >>"$LOG_DIR/trino.log" 2>&1 < /dev/null &
    echo $! > "$RUN_DIR/trino.pid"
    cd "$REPO_DIR"
    if ! wait_until 240 "Trino" trino_answers_or_exited || ! pid_alive trino; then
        grep -E -A6 "ERROR|Exception|Error" "$LOG_DIR/trino.log" | head -n 30 >&2 || true
        stop_pid trino
        fail "Cannot start Trino on 127.0.0.1:$(recorded_port trino): not ready within 240 s (log: $LOG_DIR/trino.log)"
    fi
    say "trino: up on https://127.0.0.1:$(recorded_port trino-https) (internal http :$(recorded_port trino)), catalog 'lakehouse'"
}

trino_stop() {
    if [[ -f "$RUN_DIR/trino.pid" ]]; then
        stop_pid trino
        say "trino: stopped"
    fi
}

trino_status() {
    if pid_alive trino && trino_answers; then
        say "trino       up    https://127.0.0.1:$(recorded_port trino-https) (http :$(recorded_port trino))  pid $(cat "$RUN_DIR/trino.pid")"
    else
        say "trino       down"
        return 1
    fi
}
