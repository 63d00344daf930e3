package dev.overcast.clouds.crosscloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.world.Durations;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static CloudSimAccounts clouds;

    @BeforeAll
    static void adapters() {
        clouds = CloudSimAccounts.start(reference -> "unused");
    }

    @AfterAll
    static void close() {
        clouds.close();
    }

    @Test
    void everyOperationAnAdapterTimes_shouldTakeTheSameTimeInCloudsim() {
        Durations durations = clouds.sim.world().durations();
        Map<String, Duration> published = new TreeMap<>();
        Map<String, Duration> simulated = new TreeMap<>();
        for (CloudAdapter adapter : List.<CloudAdapter>of(clouds.aws, clouds.gcp, clouds.azure)) {
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
        for (CloudAdapter adapter : List.<CloudAdapter>of(clouds.aws, clouds.gcp, clouds.azure)) {
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
