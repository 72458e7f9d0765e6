package io.energylakehouse.common.config;

import io.energylakehouse.common.LakehouseException;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How jobs reach the services of the stack profile: credentials of the catalog database, the S3 endpoint
 * (MinIO) and its keys, the Spark installation used by spark-submit, Trino's JDBC URL and the files that
 * hold users' entitlements. {@code bin/lakehouse stack up} writes all of them to {@code var/stack/stack.properties}.
 *
 * @param catalogUser user of the JDBC catalog database (empty for SQLite)
 * @param catalogPassword its password
 * @param s3 the object store, when the warehouse or any root is an {@code s3://} or {@code s3a://} URI
 * @param sparkHome a Spark installation whose {@code bin/spark-submit} the cluster profile uses
 * @param trinoUrl JDBC URL of Trino ({@code jdbc:trino://127.0.0.1:8443/lakehouse?SSL=true&...})
 * @param entitlementsFile groups, their users and their markets
 * @param passwordDb Trino's password file (PBKDF2 hashes); {@code download-url} checks passwords against it
 * @param passwordsFile the stack's generated plain-text passwords (a development convenience, mode 600)
 */
public record StackConfig(
        Optional<String> catalogUser,
        Optional<String> catalogPassword,
        Optional<S3> s3,
        Optional<String> sparkHome,
        Optional<String> trinoUrl,
        Optional<String> entitlementsFile,
        Optional<String> passwordDb,
        Optional<String> passwordsFile)
{
    public static final String CATALOG_USER = "lakehouse.catalog.user";
    public static final String CATALOG_PASSWORD = "lakehouse.catalog.password";
    public static final String S3_ENDPOINT = "lakehouse.s3.endpoint";
    public static final String S3_REGION = "lakehouse.s3.region";
    public static final String S3_ACCESS_KEY = "lakehouse.s3.access-key";
    public static final String S3_SECRET_KEY = "lakehouse.s3.secret-key";
    public static final String S3_RETRIES = "lakehouse.s3.retries";
    public static final String SPARK_HOME = "lakehouse.spark.home";
    public static final String TRINO_URL = "lakehouse.trino.url";
    public static final String ENTITLEMENTS = "lakehouse.access.entitlements";
    public static final String PASSWORD_DB = "lakehouse.access.password-db";
    public static final String PASSWORDS = "lakehouse.access.passwords";

    public static final List<String> KEYS = List.of(CATALOG_USER, CATALOG_PASSWORD, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY, S3_SECRET_KEY,
            S3_RETRIES, SPARK_HOME, TRINO_URL, ENTITLEMENTS, PASSWORD_DB, PASSWORDS);

    /**
     * An S3-compatible object store reached by path-style requests (MinIO).
     *
     * @param retries attempts after the first; small, so a store that is down fails a job in seconds
     */
    public record S3(String endpoint, String region, String accessKey, String secretKey, int retries)
    {
        public S3
        {
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(region, "region is null");
            requireNonNull(accessKey, "accessKey is null");
            requireNonNull(secretKey, "secretKey is null");
        }

        @Override
        public String toString()
        {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", accessKey=" + accessKey + "]";
        }
    }

    public StackConfig
    {
        requireNonNull(catalogUser, "catalogUser is null");
        requireNonNull(catalogPassword, "catalogPassword is null");
        requireNonNull(s3, "s3 is null");
        requireNonNull(sparkHome, "sparkHome is null");
        requireNonNull(trinoUrl, "trinoUrl is null");
        requireNonNull(entitlementsFile, "entitlementsFile is null");
        requireNonNull(passwordDb, "passwordDb is null");
        requireNonNull(passwordsFile, "passwordsFile is null");
    }

    public static StackConfig from(Settings settings)
    {
        Optional<S3> s3 = settings.value(S3_ENDPOINT).map(endpoint -> new S3(
                endpoint,
                settings.value(S3_REGION, "us-east-1"),
                settings.value(S3_ACCESS_KEY).orElseThrow(() -> missing(S3_ACCESS_KEY, S3_ENDPOINT)),
                settings.value(S3_SECRET_KEY).orElseThrow(() -> missing(S3_SECRET_KEY, S3_ENDPOINT)),
                settings.intValue(S3_RETRIES, 2)));
        return new StackConfig(
                settings.value(CATALOG_USER),
                settings.value(CATALOG_PASSWORD),
                s3,
                settings.value(SPARK_HOME),
                settings.value(TRINO_URL),
                settings.value(ENTITLEMENTS),
                settings.value(PASSWORD_DB),
                settings.value(PASSWORDS));
    }

    private static LakehouseException missing(String key, String because)
    {
        return LakehouseException.userError("Cannot use the object store: '%s' is set but '%s' is not", because, key);
    }

    public S3 requireS3(String purpose)
    {
        return s3.orElseThrow(() -> LakehouseException.userError("Cannot %s: no object store is configured (set %s, or start the stack with 'bin/lakehouse stack up')",
                purpose, S3_ENDPOINT));
    }

    @Override
    public String toString()
    {
        return "StackConfig[catalogUser=" + catalogUser + ", s3=" + s3 + ", sparkHome=" + sparkHome + ", trinoUrl=" + trinoUrl + "]";
    }
}
