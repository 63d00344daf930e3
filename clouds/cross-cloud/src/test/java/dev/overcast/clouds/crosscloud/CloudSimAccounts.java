package dev.overcast.clouds.crosscloud;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.clouds.aws.AwsAdapter;
import dev.overcast.clouds.aws.AwsConfig;
import dev.overcast.clouds.aws.AwsCredentials;
import dev.overcast.clouds.azure.AzureAdapter;
import dev.overcast.clouds.azure.AzureConfig;
import dev.overcast.clouds.azure.AzureCredentials;
import dev.overcast.clouds.gcp.GcpAdapter;
import dev.overcast.clouds.gcp.GcpConfig;
import dev.overcast.clouds.gcp.GcpCredentials;
import dev.overcast.core.cloud.SecretResolver;
import java.util.Optional;

/** One cloudsim with the three adapters pointed at its fronts, one account each. */
final class CloudSimAccounts implements AutoCloseable {
    static final String AWS_ACCOUNT = "123456789012";
    static final String GCP_PROJECT = "overcast-local";
    private static final String AZURE_TENANT = "72f988bf-0000-4000-8000-000000000001";
    private static final String AZURE_SUBSCRIPTION = "00000000-0000-4000-8000-00000000c10d";
    private static final int GCP_ATTEMPTS = 4;

    final CloudSim sim;
    final AwsAdapter aws;
    final GcpAdapter gcp;
    final AzureAdapter azure;

    private CloudSimAccounts(CloudSim sim, SecretResolver secrets) {
        this.sim = sim;
        this.aws = new AwsAdapter(AwsConfig.of(new AwsCredentials.StaticKeys(AWS_ACCOUNT, "cloudsim-secret"))
                .withEndpoint(sim.awsEndpoint()), secrets);
        this.gcp = new GcpAdapter(new GcpConfig(GCP_PROJECT, new GcpCredentials.None(), Optional.of(sim.gcpEndpoint()), GCP_ATTEMPTS),
                secrets);
        this.azure = new AzureAdapter(AzureConfig.of(AZURE_TENANT, AZURE_SUBSCRIPTION, new AzureCredentials.StaticToken("cloudsim-token"))
                .withEndpoint(sim.azureEndpoint(), sim.azureTrust().pem()), secrets);
    }

    /** @param secrets resolves the tunnels' pre-shared keys */
    static CloudSimAccounts start(SecretResolver secrets) {
        return new CloudSimAccounts(CloudSim.start(CloudSimConfig.defaults()), secrets);
    }

    @Override
    public void close() {
        aws.close();
        gcp.close();
        sim.close();
    }
}
