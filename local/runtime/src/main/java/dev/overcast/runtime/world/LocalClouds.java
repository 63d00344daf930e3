package dev.overcast.runtime.world;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.clouds.aws.AwsAdapter;
import dev.overcast.clouds.aws.AwsConfig;
import dev.overcast.clouds.aws.AwsCredentials;
import dev.overcast.clouds.azure.AzureAdapter;
import dev.overcast.clouds.azure.AzureConfig;
import dev.overcast.clouds.azure.AzureCredentials;
import dev.overcast.clouds.gcp.GcpAdapter;
import dev.overcast.clouds.gcp.GcpConfig;
import dev.overcast.clouds.gcp.GcpCredentials;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.ClientPerKindAdapter;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.preflight.Preflight;
import dev.overcast.functions.CloudAdapters;
import java.util.List;
import java.util.Optional;

/**
 * The three adapters pointed at cloudsim's fronts, as the local world's accounts: AWS account
 * {@link #AWS_ACCOUNT} (static keys whose id is the account), GCP project {@link #GCP_PROJECT} (no
 * credentials), Azure subscription {@link #AZURE_SUBSCRIPTION} over the front's self-signed HTTPS.
 */
public final class LocalClouds implements AutoCloseable {
    /** The account cloudsim's EC2 front derives from a 12-digit access key id. */
    public static final String AWS_ACCOUNT = "111111111111";
    public static final String GCP_PROJECT = "overcast-local";
    public static final String AZURE_TENANT = "72f988bf-0000-4000-8000-000000000001";
    public static final String AZURE_SUBSCRIPTION = "00000000-0000-4000-8000-00000000c10d";
    /** The credentials the adapters sign with: never checked by cloudsim, distinct so a scan can look for them. */
    public static final String AWS_SECRET_KEY = "local-world-aws-secret-9f3b";
    public static final String AZURE_TOKEN = "local-world-azure-token-51c7";

    private final AwsAdapter aws;
    private final GcpAdapter gcp;
    private final AzureAdapter azure;

    /** One account per cloud: an AWS account id, a GCP project, an Azure subscription. */
    public record Accounts(String aws, String gcpProject, String azureSubscription) {
        /** The local world's own accounts. */
        public static final Accounts LOCAL = new Accounts(AWS_ACCOUNT, GCP_PROJECT, AZURE_SUBSCRIPTION);

        /** Accounts of their own for a tenant, derived from its name: the same tenant always gets the same ones. */
        public static Accounts ofTenant(String tenant) {
            java.util.UUID uuid = java.util.UUID.nameUUIDFromBytes(tenant.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String digits = String.format("%012d", Math.floorMod(uuid.getMostSignificantBits(), 1_000_000_000_000L));
            String project = "ovc-" + Long.toHexString(uuid.getLeastSignificantBits()).replace('-', '0');
            return new Accounts(digits, project.substring(0, Math.min(project.length(), 20)), uuid.toString());
        }
    }

    public LocalClouds(CloudSim cloudSim, SecretResolver secrets) {
        this(cloudSim, secrets, true);
    }

    /** @param sdkRetries false: the SDKs make one attempt per call (see {@code LocalWorld.startWithoutSdkRetries}) */
    public LocalClouds(CloudSim cloudSim, SecretResolver secrets, boolean sdkRetries) {
        this.aws = aws(cloudSim, secrets, sdkRetries, Accounts.LOCAL);
        this.gcp = gcp(cloudSim, secrets, sdkRetries, Accounts.LOCAL);
        this.azure = azure(cloudSim, secrets, sdkRetries, Accounts.LOCAL);
    }

    /** An adapter of one cloud on cloudsim's front, in the given accounts. */
    public static ClientPerKindAdapter adapter(Cloud cloud, CloudSim cloudSim, SecretResolver secrets, boolean sdkRetries,
                                               Accounts accounts) {
        return switch (cloud) {
            case AWS -> aws(cloudSim, secrets, sdkRetries, accounts);
            case GCP -> gcp(cloudSim, secrets, sdkRetries, accounts);
            case AZURE -> azure(cloudSim, secrets, sdkRetries, accounts);
        };
    }

    private static AwsAdapter aws(CloudSim cloudSim, SecretResolver secrets, boolean sdkRetries, Accounts accounts) {
        return new AwsAdapter(AwsConfig.of(new AwsCredentials.StaticKeys(accounts.aws(), AWS_SECRET_KEY))
                .withEndpoint(cloudSim.awsEndpoint()).withMaxAttempts(sdkRetries ? AwsConfig.DEFAULT_MAX_ATTEMPTS : 1), secrets);
    }

    private static GcpAdapter gcp(CloudSim cloudSim, SecretResolver secrets, boolean sdkRetries, Accounts accounts) {
        return new GcpAdapter(new GcpConfig(accounts.gcpProject(), new GcpCredentials.None(), Optional.of(cloudSim.gcpEndpoint()),
                sdkRetries ? GcpConfig.DEFAULT_MAX_ATTEMPTS : 1), secrets);
    }

    private static AzureAdapter azure(CloudSim cloudSim, SecretResolver secrets, boolean sdkRetries, Accounts accounts) {
        return new AzureAdapter(AzureConfig.of(AZURE_TENANT, accounts.azureSubscription(), new AzureCredentials.StaticToken(AZURE_TOKEN))
                .withEndpoint(cloudSim.azureEndpoint(), cloudSim.azureTrust().pem())
                .withMaxRetries(sdkRetries ? AzureConfig.DEFAULT_MAX_RETRIES : 0), secrets);
    }

    public AwsAdapter aws() {
        return aws;
    }

    public GcpAdapter gcp() {
        return gcp;
    }

    public AzureAdapter azure() {
        return azure;
    }

    /** The three adapters, as a deployment carries them. */
    public CloudAdapters adapters() {
        return CloudAdapters.of(aws, gcp, azure);
    }

    /** The preflight of the three accounts. */
    public Preflight preflight() {
        return new Preflight(List.of(aws.preflight(), gcp.preflight(), azure.preflight()));
    }

    @Override
    public void close() {
        aws.close();
        gcp.close();
    }
}
