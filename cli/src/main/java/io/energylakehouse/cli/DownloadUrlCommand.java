package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.access.Entitlements;
import io.energylakehouse.common.access.PasswordHashes;
import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.config.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "download-url",
        mixinStandardHelpOptions = true,
        description = {"Prints presigned URLs (valid for --expires) for every file of a published dataset and its manifest.json, one",
                "market folder at a time, for the markets the user is entitled to (conf/entitlements.properties). The user",
                "authenticates with the same password as on Trino. Needs the stack profile: the files are in MinIO."},
        footer = {"", "Examples:",
                "  bin/lakehouse --profile stack download-url hub_prices_daily",
                "  LAKEHOUSE_PASSWORD=... bin/lakehouse --profile stack download-url hub_prices_hourly \\",
                "      --user alice --market CAISO --expires 15m",
                "  curl -o daily.parquet \"$(bin/lakehouse --profile stack download-url hub_prices_daily | grep parquet | cut -f2)\""})
final class DownloadUrlCommand
        implements Callable<Integer>, LakehouseCommand
{
    /** SigV4 presigned URLs live at most seven days. */
    static final Duration MAX_EXPIRY = Duration.ofDays(7);

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "DATASET", description = "A published dataset, e.g. hub_prices_daily or hub_prices_hourly")
    String dataset;

    @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "1h", description = "How long the URLs stay valid: 15m, 1h, 2d (at most 7d; default ${DEFAULT-VALUE})")
    String expires;

    @Option(names = "--market", paramLabel = "MARKET", description = "Only this market's files (default: every market of the dataset the user may read)")
    String market;

    @Option(names = "--user", paramLabel = "USER", description = "Who asks (default $LAKEHOUSE_USER, else lakehouse); password from $LAKEHOUSE_PASSWORD, else the stack's passwords file")
    String user;

    @Override
    public GlobalOptions global()
    {
        return global;
    }

    @Override
    public Integer call()
    {
        LakehouseConfig config = global.lakehouseConfig();
        Duration expiry = expiry(expires);
        String published = config.publishedRoot();
        if (!published.startsWith("s3://") && !published.startsWith("s3a://")) {
            throw LakehouseException.userError("Cannot presign URLs for %s: the published files are in a local folder (%s), not in an object store; use --profile stack",
                    dataset, published);
        }
        StackConfig.S3 s3 = config.stack().requireS3("presign download URLs");
        String who = user != null ? user : System.getenv().getOrDefault("LAKEHOUSE_USER", "lakehouse");
        Entitlements entitlements = Entitlements.load(Path.of(config.stack().entitlementsFile().orElseThrow(() -> LakehouseException.userError(
                "Cannot check entitlements: %s is not set (bin/lakehouse stack up writes it)", StackConfig.ENTITLEMENTS))));
        PasswordHashes.authenticate(Path.of(config.stack().passwordDb().orElseThrow(() -> LakehouseException.userError(
                "Cannot authenticate: %s is not set (bin/lakehouse stack up writes it)", StackConfig.PASSWORD_DB))), who, TrinoClient.password(config, who));

        URI root = URI.create(published.endsWith("/") ? published : published + "/");
        String bucket = root.getHost();
        String prefix = (root.getPath().startsWith("/") ? root.getPath().substring(1) : root.getPath()) + dataset + "/";
        try (S3Client client = client(s3); S3Presigner presigner = presigner(s3)) {
            SortedSet<String> available = marketsOf(client, bucket, prefix);
            if (available.isEmpty()) {
                throw LakehouseException.userError("Cannot presign URLs for dataset '%s': nothing is published under %s%s (run publish first)", dataset, root, dataset);
            }
            List<String> markets = new ArrayList<>();
            if (market != null) {
                String wanted = market.toUpperCase(java.util.Locale.ROOT);
                if (!available.contains(wanted)) {
                    throw LakehouseException.userError("Cannot presign URLs for %s of dataset '%s': not published; markets published: %s", wanted, dataset, available);
                }
                entitlements.checkMayRead(who, wanted);
                markets.add(wanted);
            }
            else {
                available.stream().filter(candidate -> entitlements.mayRead(who, candidate)).forEach(markets::add);
                if (markets.isEmpty()) {
                    entitlements.checkMayRead(who, available.first());
                }
            }
            Instant until = Instant.now().plus(expiry);
            for (String each : markets) {
                System.out.printf("# %s market=%s for %s, valid until %s%n", dataset, each, who, until);
                String folder = prefix + "market=" + each + "/";
                for (S3Object object : list(client, bucket, folder)) {
                    String relative = object.key().substring(folder.length());
                    if (relative.startsWith("delta/") || relative.startsWith("_tmp_")) {
                        continue;
                    }
                    PresignedGetObjectRequest presigned = presigner.presignGetObject(request -> request
                            .signatureDuration(expiry)
                            .getObjectRequest(get -> get.bucket(bucket).key(object.key())));
                    System.out.printf("market=%s/%s\t%s%n", each, relative, presigned.url());
                }
            }
        }
        catch (SdkException e) {
            throw ServiceErrors.explain("download-url", e, config).orElseGet(() -> new LakehouseException(io.energylakehouse.common.ErrorCode.EXTERNAL_SERVICE,
                    "Cannot list the published files on the object store at " + s3.endpoint() + ": " + e.getMessage(), e));
        }
        return 0;
    }

    static Duration expiry(String text)
    {
        Duration expiry;
        try {
            expiry = Settings.parseDuration(text);
        }
        catch (RuntimeException e) {
            throw LakehouseException.userError("Cannot use --expires %s: write a duration such as 15m, 1h or 2d", text);
        }
        if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw LakehouseException.userError("Cannot use --expires %s: presigned URLs are valid for more than 0 s and at most 7 days", text);
        }
        return expiry;
    }

    private static SortedSet<String> marketsOf(S3Client client, String bucket, String prefix)
    {
        SortedSet<String> markets = new TreeSet<>();
        ListObjectsV2Response response = client.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/").build());
        for (CommonPrefix common : response.commonPrefixes()) {
            String name = common.prefix().substring(prefix.length()).replace("/", "");
            if (name.startsWith("market=")) {
                markets.add(name.substring("market=".length()));
            }
        }
        return markets;
    }

    private static List<S3Object> list(S3Client client, String bucket, String prefix)
    {
        List<S3Object> objects = new ArrayList<>();
        client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents().forEach(objects::add);
        return objects;
    }

    static S3Client client(StackConfig.S3 s3)
    {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)))
                .build();
    }

    static S3Presigner presigner(StackConfig.S3 s3)
    {
        return S3Presigner.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }
}
