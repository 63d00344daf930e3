package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.CloudSim;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Real SDK v2 EC2 clients pointed at a running cloudsim. */
final class Ec2Clients {

    static final String ACCOUNT = "123456789012";

    private Ec2Clients() {
    }

    /** Account {@link #ACCOUNT} in us-east-1, SDK retries off so every answer reaches the test. */
    static Ec2Client of(CloudSim sim) {
        return of(sim, ACCOUNT, Region.US_EAST_1, false);
    }

    static Ec2Client of(CloudSim sim, String accessKey, Region region, boolean retries) {
        return Ec2Client.builder()
                .endpointOverride(sim.awsEndpoint())
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> {
                    if (!retries) {
                        c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                })
                .build();
    }
}
