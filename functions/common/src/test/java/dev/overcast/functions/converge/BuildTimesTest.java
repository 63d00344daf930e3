package dev.overcast.functions.converge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BuildTimesTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final BuildTimes times = BuildTimes.published();

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
    void nextStageEnd_shouldBeEmpty_whenEveryStageShouldBeOver() {
        assertThat(times.nextStageEnd(Cloud.GCP, ResourceKind.INSTANCE, START, START.plusSeconds(50))).isEmpty();
    }

    @Test
    void nextStageEnd_shouldBeEmpty_forAKindThatBuildsAtOnce() {
        assertThat(times.nextStageEnd(Cloud.AWS, ResourceKind.FIREWALL, START, START)).isEmpty();
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
