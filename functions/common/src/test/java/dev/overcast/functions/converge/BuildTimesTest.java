package dev.overcast.functions.converge;

import static dev.overcast.core.cloud.KindTimings.operation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.functions.CloudAdapters;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildTimesTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final BuildTimes times = BuildTimes.of(CloudAdapters.of(
            adapter(Cloud.AWS, Map.of(
                    ResourceKind.VPN_GATEWAY, KindTimings.INSTANT
                            .create(operation("gateway.create", MINUTE.multipliedBy(6)))
                            .create(operation("gateway.attach", MINUTE)),
                    ResourceKind.VPN_TUNNEL, KindTimings.INSTANT
                            .create(operation("connection.create", MINUTE.multipliedBy(8)))
                            .settle(operation("connection.tunnels", Duration.ofSeconds(150))))),
            adapter(Cloud.AZURE, Map.of(
                    ResourceKind.VPN_GATEWAY, KindTimings.INSTANT
                            .create(operation("gateway.create", MINUTE.multipliedBy(38)), operation("ip.create", MINUTE))
                            .delete(operation("gateway.delete", MINUTE.multipliedBy(15)))
                            .update(operation("gateway.update", MINUTE.multipliedBy(10)))))));

    /** An adapter that only publishes timings; no client is asked for in these tests. */
    private static CloudAdapter adapter(Cloud cloud, Map<ResourceKind, KindTimings> timings) {
        return new CloudAdapter() {
            @Override
            public Cloud cloud() {
                return cloud;
            }

            @Override
            public ResourceClient client(ResourceKind kind) {
                return null;
            }

            @Override
            public KindTimings timings(ResourceKind kind) {
                return timings.getOrDefault(kind, KindTimings.INSTANT);
            }
        };
    }

    @Test
    void nextStageEnd_shouldBeTheFirstStageEnd_whileTheFirstStageRuns() {
        assertThat(times.nextStageEnd(Cloud.AWS, ResourceKind.VPN_GATEWAY, START, START.plusSeconds(60)))
                .contains(START.plus(Duration.ofMinutes(6)));
    }

    @Test
    void nextStageEnd_shouldBeTheSecondStageEnd_onceTheFirstIsOver() {
        assertThat(times.nextStageEnd(Cloud.AWS, ResourceKind.VPN_GATEWAY, START, START.plus(Duration.ofMinutes(6))))
                .contains(START.plus(Duration.ofMinutes(7)));
    }

    @Test
    void nextStageEnd_shouldCountTheStagesAfterReady_asStagesToo() {
        assertThat(times.nextStageEnd(Cloud.AWS, ResourceKind.VPN_TUNNEL, START, START.plus(Duration.ofMinutes(8))))
                .contains(START.plus(Duration.ofMinutes(8)).plusSeconds(150));
    }

    @Test
    void nextStageEnd_shouldLastAsLongAsTheSlowestOperation_ofAStage() {
        assertThat(times.nextStageEnd(Cloud.AZURE, ResourceKind.VPN_GATEWAY, START, START))
                .contains(START.plus(Duration.ofMinutes(38)));
    }

    @Test
    void nextStageEnd_shouldBeEmpty_whenEveryStageShouldBeOver() {
        assertThat(times.nextStageEnd(Cloud.AWS, ResourceKind.VPN_GATEWAY, START, START.plus(Duration.ofMinutes(7)))).isEmpty();
    }

    @Test
    void nextStageEnd_shouldBeEmpty_forAKindThatBuildsAtOnce_orACloudWithoutAdapter() {
        assertThat(times.nextStageEnd(Cloud.AWS, ResourceKind.FIREWALL, START, START)).isEmpty();
        assertThat(times.nextStageEnd(Cloud.GCP, ResourceKind.VPN_GATEWAY, START, START)).isEmpty();
    }

    @Test
    void deleted_shouldCountFromTheDeleteStart_andBeEmptyOnceOver() {
        assertThat(times.deleted(Cloud.AZURE, ResourceKind.VPN_GATEWAY, START, START.plusSeconds(1)))
                .contains(START.plus(Duration.ofMinutes(15)));
        assertThat(times.deleted(Cloud.AZURE, ResourceKind.VPN_GATEWAY, START, START.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void update_shouldBePublished_onlyForKindsWithAFigure() {
        assertThat(times.update(Cloud.AZURE, ResourceKind.VPN_GATEWAY)).contains(Duration.ofMinutes(10));
        assertThat(times.update(Cloud.AWS, ResourceKind.VPN_GATEWAY)).isEmpty();
    }
}
