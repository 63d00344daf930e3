package dev.overcast.clouds.crosscloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.Durations;
import dev.overcast.clouds.aws.AwsAdapter;
import dev.overcast.clouds.aws.AwsConfig;
import dev.overcast.clouds.aws.AwsCredentials;
import dev.overcast.clouds.azure.AzureAdapter;
import dev.overcast.clouds.azure.AzureConfig;
import dev.overcast.clouds.azure.AzureCredentials;
import dev.overcast.clouds.gcp.GcpAdapter;
import dev.overcast.clouds.gcp.GcpConfig;
import dev.overcast.clouds.gcp.GcpCredentials;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapters publish how long their kinds take (converge polls by it, the makespan benchmark's lower
 * bound adds it up) and cloudsim runs its virtual clock on its own table of durations: the two must agree,
 * or the local world would test a schedule the adapters do not predict.
 */
class PublishedTimingsAgreementTest {
    private static final SecretResolver NO_SECRETS = reference -> "unused";

    private static CloudSim sim;
    private static AwsAdapter aws;
    private static GcpAdapter gcp;
    private static AzureAdapter azure;

    @BeforeAll
    static void adapters() {
        sim = CloudSim.start(CloudSimConfig.defaults());
        aws = new AwsAdapter(AwsConfig.of(new AwsCredentials.StaticKeys("123456789012", "cloudsim-secret"))
                .withEndpoint(sim.awsEndpoint()), NO_SECRETS);
        gcp = new GcpAdapter(new GcpConfig("overcast-local", new GcpCredentials.None(), Optional.of(sim.gcpEndpoint()), 1), NO_SECRETS);
        azure = new AzureAdapter(AzureConfig.of("72f988bf-0000-4000-8000-000000000001", "00000000-0000-4000-8000-00000000c10d",
                new AzureCredentials.StaticToken("cloudsim-token")).withEndpoint(sim.azureEndpoint(), sim.azureTrust().pem()), NO_SECRETS);
    }

    @AfterAll
    static void close() {
        aws.close();
        gcp.close();
        sim.close();
    }

    @Test
    void everyOperationAnAdapterTimes_shouldTakeTheSameTimeInCloudsim() {
        Durations durations = sim.world().durations();
        Map<String, Duration> published = new TreeMap<>();
        Map<String, Duration> simulated = new TreeMap<>();
        for (CloudAdapter adapter : List.<CloudAdapter>of(aws, gcp, azure)) {
            for (ResourceKind kind : ResourceKind.values()) {
                for (KindTimings.Operation operation : adapter.timings(kind).operations()) {
                    String key = adapter.cloud().id() + "/" + operation.name();
                    published.put(key, operation.duration());
                    simulated.put(key, durations.asMap().get(key));
                }
            }
        }

        assertThat(published).hasSizeGreaterThan(30);
        assertThat(simulated).isEqualTo(published);
    }

    @Test
    void everyKindWithAClient_shouldTakeTimeToBuild_whereCloudsimMakesItWait() {
        List<String> untimed = new ArrayList<>();
        for (CloudAdapter adapter : List.<CloudAdapter>of(aws, gcp, azure)) {
            for (ResourceKind kind : ResourceKind.values()) {
                if (adapter.client(kind) != null && adapter.timings(kind).createStages().isEmpty()) {
                    untimed.add(adapter.cloud().id() + "/" + kind);
                }
            }
        }

        // Each of these is ready when its create call returns, in cloudsim as on the cloud.
        assertThat(untimed).containsExactlyInAnyOrder("aws/firewall", "aws/public-ip", "azure/subnet", "azure/firewall");
    }
}
