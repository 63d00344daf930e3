package dev.overcast.runtime.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.History;
import dev.overcast.asl.quota.Usage;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.runtime.world.LocalWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * reconcile-all over a few hundred healthy clusters in forty tenants' accounts with the cost of time on:
 * every cluster reconciled, none failed, every execution inside Step Functions' quotas, the run over
 * within the hour.
 */
class ReconcileAllAtScaleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLUSTERS = 240;
    private static final int TENANTS = 40;

    @Test
    void reconcileAll_shouldVisitEveryCluster_withinTheQuotas_whenCloudCallsTakeTheirTime() throws Exception {
        try (LocalWorld world = LocalWorld.startWithLatency(Path.of("../.."))) {
            List<String> ids = HealthyClusters.seed(world, ClusterFlows.spec(Path.of("examples/single-cloud-dev.yaml")),
                    CLUSTERS, TENANTS);
            Instant hour = world.clock().instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
            world.clock().advanceTo(hour);
            Usage usage = world.deployment().interpreter().usage();
            usage.reset();

            ExecutionResult all = world.run("reconcile-all", JSON.createObjectNode().put("time", hour.toString()));

            assertThat(all.succeeded()).as("%s: %s", all.error(), all.cause()).isTrue();
            assertThat(all.output().get("accounts").asInt()).isEqualTo(TENANTS);
            assertThat(all.output().get("clusters").asInt()).isEqualTo(CLUSTERS);
            assertThat(all.output().get("failedClusters").asInt()).isZero();
            assertThat(ids).allSatisfy(id -> assertThat(world.store().clusters().get(id).status()).isEqualTo(ClusterStatus.READY));
            assertThat(usage.maxHistoryEvents()).isLessThan(History.MAX_EVENTS);
            assertThat(usage.peakLambdaConcurrency()).isLessThanOrEqualTo(world.deployment().interpreter().quotas().lambdaConcurrency());
            // Spread over the first ten minutes, each cluster's reconcile takes seconds: the run ends well within the hour.
            assertThat(Duration.between(hour, world.clock().instant())).isLessThan(Duration.ofHours(1));
        }
    }
}
