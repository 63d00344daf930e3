package dev.overcast.cloudsim.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSimConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final World world = new World(CloudSimConfig.defaults().withClock(VirtualClock.fixed(START)));
    private final List<Duration> spent = new ArrayList<>();

    @Test
    void admit_shouldSpendEachBucketsTypicalLatency() {
        world.useLatency(LatencyModel.realistic(spent::add));

        world.admit("aws", "111111111111", "us-east-1", "non-mutating");
        world.admit("gcp", "overcast-local", "global", "write");
        world.admit("azure", "sub", "global", "reads");

        assertThat(spent).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300), Duration.ofMillis(150));
    }

    @Test
    void buckets_shouldRefillOnTheVirtualClock_onceALatencyModelIsInForce() {
        world.useLatency(LatencyModel.realistic(spent::add));
        // EC2's non-mutating bucket: 100 tokens, 20 a second.
        long burst = IntStream.range(0, 101).filter(i -> world.admit("aws", "111111111111", "us-east-1", "non-mutating")).count();
        world.advance(Duration.ofSeconds(1));
        long refilled = IntStream.range(0, 21).filter(i -> world.admit("aws", "111111111111", "us-east-1", "non-mutating")).count();

        assertThat(burst).isEqualTo(100);
        assertThat(refilled).isEqualTo(20);
        assertThat(world.throttledCalls()).containsEntry("aws", 2L);
    }

    @Test
    void buckets_shouldBeKeptPerAccount() {
        world.useLatency(LatencyModel.realistic(spent::add));
        IntStream.range(0, 100).forEach(i -> world.admit("aws", "111111111111", "us-east-1", "non-mutating"));

        assertThat(world.admit("aws", "111111111111", "us-east-1", "non-mutating")).isFalse();
        assertThat(world.admit("aws", "222222222222", "us-east-1", "non-mutating")).isTrue();
    }
}
