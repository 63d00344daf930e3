package dev.overcast.clouds.aws.internal;

import dev.overcast.clouds.aws.AwsConfig;
import dev.overcast.clouds.aws.AwsCredentials;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One {@link Ec2Client} per region, built on first use and kept: a cluster touches few regions, and a
 * client is expensive to build (cold start). All clients share one HTTP client and one credentials
 * provider, so an assumed-role session is fetched once and refreshed in one place.
 */
public final class Ec2Clients implements AutoCloseable {
    private static final CountedCalls COUNTED_CALLS = new CountedCalls();

    private final AwsConfig config;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final AwsCredentialsProvider credentials;
    private final SdkAutoCloseable sts;
    private final Map<String, Ec2Client> byRegion = new ConcurrentHashMap<>();

    public Ec2Clients(AwsConfig config) {
        this.config = config;
        if (config.credentials() instanceof AwsCredentials.AssumeRole role) {
            StsClient stsClient = configure(StsClient.builder(), Region.of(config.stsRegion())).build();
            StsAssumeRoleCredentialsProvider session = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(stsClient)
                    .refreshRequest(r -> r.roleArn(role.roleArn()).externalId(role.externalId()).roleSessionName(role.sessionName()))
                    .build();
            this.credentials = session;
            this.sts = () -> {
                session.close();
                stsClient.close();
            };
        } else {
            AwsCredentials.StaticKeys keys = (AwsCredentials.StaticKeys) config.credentials();
            this.sts = () -> { };
            this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()));
        }
    }

    public Ec2Client in(String region) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        return byRegion.computeIfAbsent(region, r ->
                configure(Ec2Client.builder(), Region.of(r)).credentialsProvider(credentials).build());
    }

    /** Any AWS client of this account (STS, Service Quotas for the preflight), built as the EC2 clients are: same endpoint, credentials, retries. */
    public <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B asAccount(B builder, String region) {
        return configure(builder, Region.of(region)).credentialsProvider(credentials);
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B configure(B builder, Region region) {
        builder.region(region)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(config.maxAttempts()).build())
                        .addExecutionInterceptor(COUNTED_CALLS)
                        .build());
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    @Override
    public void close() {
        byRegion.values().forEach(Ec2Client::close);
        byRegion.clear();
        sts.close();
        http.close();
    }
}
