package io.energylakehouse.cli;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a failing service throws (deep inside Spark, Iceberg, S3A, the AWS SDK or the PostgreSQL
 * driver) into one line that names the service, what went wrong and what to do. Matched on the class
 * names and messages of the whole cause chain, because Spark hands executor failures back as text.
 */
final class ServiceErrors
{
    private static final Pattern ADDRESS = Pattern.compile("((?:127\\.0\\.0\\.1|localhost|[a-z0-9-]+(?:\\.[a-z0-9-]+)+):\\d{2,5})");
    private static final Pattern BUCKET = Pattern.compile("(?:s3a?://|[Bb]ucket[ :]+'?)([a-z0-9][a-z0-9.-]{2,62})");
    private static final Pattern PG_USER = Pattern.compile("password authentication failed for user \"([^\"]+)\"");
    private static final Pattern PG_DATABASE = Pattern.compile("database \"([^\"]+)\" does not exist");

    private ServiceErrors() {}

    /** {@code config} (may be null) names the endpoints when the exception does not. */
    static Optional<LakehouseException> explain(String command, Throwable throwable, io.energylakehouse.common.config.LakehouseConfig config)
    {
        String storeAddress = config == null ? "its endpoint"
                : config.stack().s3().map(s3 -> s3.endpoint().replaceFirst("^https?://", "")).orElse("its endpoint");
        String catalog = config == null ? "its address" : address(config.catalogUri(), "its address");
        String text = chain(throwable);
        String doing = "Cannot run '" + command + "': ";
        if (text.contains("org.postgresql") || text.contains("PSQLException")) {
            Matcher user = PG_USER.matcher(text);
            if (user.find()) {
                return Optional.of(new LakehouseException(ErrorCode.USER_ERROR, doing + "the catalog database (PostgreSQL) refused user '" + user.group(1)
                        + "': wrong password; check lakehouse.catalog.user and lakehouse.catalog.password (var/stack/stack.properties)", throwable));
            }
            Matcher database = PG_DATABASE.matcher(text);
            if (database.find()) {
                return Optional.of(new LakehouseException(ErrorCode.USER_ERROR, doing + "the catalog database '" + database.group(1)
                        + "' does not exist on PostgreSQL; check lakehouse.catalog.uri ('bin/lakehouse stack up' creates 'lakehouse')", throwable));
            }
            if (text.contains("Connection to") && text.contains("refused") || text.contains("ConnectException")) {
                return Optional.of(new LakehouseException(ErrorCode.EXTERNAL_SERVICE, doing + "the catalog database (PostgreSQL) at " + address(text, catalog)
                        + " refused the connection; start it with 'bin/lakehouse stack up' (status: 'bin/lakehouse stack status')", throwable));
            }
        }
        if (text.contains("InvalidAccessKeyId") || text.contains("SignatureDoesNotMatch") || text.contains("Access Key Id you provided does not exist")
                || text.contains("signature we calculated does not match")) {
            return Optional.of(new LakehouseException(ErrorCode.USER_ERROR, doing + "the object store (MinIO) at " + address(text, storeAddress)
                    + " rejected the credentials: wrong access key or secret key; check lakehouse.s3.access-key and lakehouse.s3.secret-key", throwable));
        }
        if (text.contains("NoSuchBucket") || text.contains("specified bucket does not exist") || text.contains("UnknownStoreException")
                || Pattern.compile("Bucket \\S+ does not exist").matcher(text).find()) {
            return Optional.of(new LakehouseException(ErrorCode.USER_ERROR, doing + "bucket '" + bucket(text) + "' does not exist on the object store (MinIO) at "
                    + address(text, storeAddress) + "; create it, or run 'bin/lakehouse stack up' (it creates lakehouse-warehouse, lakehouse-raw, lakehouse-published)", throwable));
        }
        boolean objectStore = text.contains("software.amazon.awssdk") || text.contains("org.apache.hadoop.fs.s3a") || text.contains("S3FileIO")
                || text.contains("s3a://") || text.contains("s3://");
        if (objectStore && (text.contains("Connection refused") || text.contains("ConnectException") || text.contains("Unable to execute HTTP request"))) {
            return Optional.of(new LakehouseException(ErrorCode.EXTERNAL_SERVICE, doing + "the object store (MinIO) at " + address(text, storeAddress)
                    + " is unreachable (connection refused); start it with 'bin/lakehouse stack up' and rerun: nothing was committed", throwable));
        }
        return Optional.empty();
    }

    private static String address(String text, String fallback)
    {
        Matcher matcher = ADDRESS.matcher(text);
        return matcher.find() ? matcher.group(1) : fallback;
    }

    private static String bucket(String text)
    {
        Matcher matcher = BUCKET.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!name.equals("does") && !name.equals("not")) {
                return name;
            }
        }
        return "(the configured bucket)";
    }

    static String chain(Throwable throwable)
    {
        StringBuilder text = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable cause = throwable; cause != null && seen.add(cause) && text.length() < 50_000; cause = cause.getCause()) {
            text.append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append('\n');
            for (Throwable suppressed : cause.getSuppressed()) {
                text.append(suppressed.getClass().getName()).append(": ").append(suppressed.getMessage()).append('\n');
            }
        }
        return text.toString();
    }
}
