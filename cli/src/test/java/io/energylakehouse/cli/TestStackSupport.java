package io.energylakehouse.cli;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of the stack profile that need no running service: jar matching, error lines, expiry parsing. */
class TestStackSupport
{
    @Test
    void artifactNamesIgnoreVersionsAndClassifiers()
    {
        assertThat(SparkSubmitter.artifact("jackson-databind-2.20.0.jar")).isEqualTo("jackson-databind");
        assertThat(SparkSubmitter.artifact("jackson-annotations-2.20.jar")).isEqualTo("jackson-annotations");
        assertThat(SparkSubmitter.artifact("spark-sql_2.13-4.1.0.jar")).isEqualTo("spark-sql_2.13");
        assertThat(SparkSubmitter.artifact("lakehouse-common-0.1.0-SNAPSHOT.jar")).isEqualTo("lakehouse-common");
        assertThat(SparkSubmitter.artifact("netty-transport-native-epoll-4.2.7.Final-linux-x86_64.jar")).isEqualTo("netty-transport-native-epoll");
        assertThat(SparkSubmitter.artifact("hadoop-client-api-3.4.2.jar")).isEqualTo("hadoop-client-api");
    }

    @Test
    void serviceFailuresBecomeOneLineNamingTheService()
    {
        RuntimeException minioDown = new RuntimeException("Job aborted due to stage failure",
                new RuntimeException("software.amazon.awssdk.core.exception.SdkClientException: Unable to execute HTTP request: Connect to 127.0.0.1:9000 [/127.0.0.1] failed: Connection refused",
                        new ConnectException("Connection refused")));
        LakehouseException explained = ServiceErrors.explain("curate", minioDown, null).orElseThrow();
        assertThat(explained.errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE);
        assertThat(explained.getMessage()).isEqualTo("Cannot run 'curate': the object store (MinIO) at 127.0.0.1:9000 is unreachable (connection refused); "
                + "start it with 'bin/lakehouse stack up' and rerun: nothing was committed");

        RuntimeException badPassword = new RuntimeException(new RuntimeException("org.postgresql.util.PSQLException: FATAL: password authentication failed for user \"lakehouse\""));
        assertThat(ServiceErrors.explain("demo", badPassword, null).orElseThrow().getMessage())
                .startsWith("Cannot run 'demo': the catalog database (PostgreSQL) refused user 'lakehouse': wrong password");

        RuntimeException noBucket = new RuntimeException("getFileStatus on s3a://lakehouse-nope/raw/x: software.amazon.awssdk.services.s3.model.NoSuchBucketException: "
                + "The specified bucket does not exist (Service: S3, Status Code: 404)");
        assertThat(ServiceErrors.explain("ingest", noBucket, null).orElseThrow().getMessage()).startsWith("Cannot run 'ingest': bucket 'lakehouse-nope' does not exist");

        assertThat(ServiceErrors.explain("curate", new IllegalStateException("a bug"), null)).isEmpty();
    }

    @Test
    void trinoErrorsSayWhatToDo()
    {
        TrinoClient client = new TrinoClient("jdbc:trino://127.0.0.1:8443/lakehouse?SSL=true", "alice", "pw");
        LakehouseException down = client.explain(new SQLException("Error executing query", new ConnectException("Failed to connect to /127.0.0.1:8443")), "SELECT 1");
        assertThat(down.errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE);
        assertThat(down.getMessage()).startsWith("Cannot reach Trino at 127.0.0.1:8443: connection refused");
        assertThat(client.explain(new SQLException("Authentication failed: Unauthorized"), null).getMessage())
                .startsWith("Cannot log in to Trino at 127.0.0.1:8443 as 'alice'");
    }

    @Test
    void downloadExpiryIsBetweenZeroAndSevenDays()
    {
        assertThat(DownloadUrlCommand.expiry("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DownloadUrlCommand.expiry("7d")).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> DownloadUrlCommand.expiry("8d")).hasMessageContaining("at most 7 days");
        assertThatThrownBy(() -> DownloadUrlCommand.expiry("soon")).hasMessage("Cannot use --expires soon: write a duration such as 15m, 1h or 2d");
    }
}
