package dev.overcast.cloudsim.world;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How long a cloud API call takes, on the world's virtual clock: one typical (p50) latency per front
 * and request bucket, the same buckets the fronts throttle by ({@link Throttle.Limits}). With a model in
 * force the world's token buckets refill on the virtual clock too, so a run of virtual hours sees the
 * rate limits the vendors publish instead of the real seconds it took.
 *
 * <p>No vendor publishes its API's latency percentiles; the figures are our estimate of a client in the
 * same region: reads answer from a cached view of the control plane in ~100–150 ms; writes are accepted
 * after validation and a durable record (~300–400 ms; the operation itself then runs for its own
 * duration, see {@link Durations}). EC2 describes in ~150 ms and mutates in ~300 ms; Compute Engine reads
 * in ~100 ms and answers a write with an Operation in ~300 ms; ARM reads in ~150 ms and accepts a PUT or
 * DELETE (201/202 with an async operation) in ~400 ms.
 *
 * <p>The rate limits these calls meet are the buckets of {@link Throttle.Limits#defaults()}: EC2's
 * per-account, per-Region request token buckets (Amazon EC2 API reference, "Request throttling for the
 * Amazon EC2 API"), Compute Engine's per-project read and write queries per minute (Compute Engine docs,
 * "API rate limits"), ARM's per-subscription read and write token buckets (Azure Resource Manager docs,
 * "Understand how Azure Resource Manager throttles requests").
 */
public final class LatencyModel {
    private final Map<String, Duration> byBucket;
    private final Consumer<Duration> pause;

    private LatencyModel(Map<String, Duration> byBucket, Consumer<Duration> pause) {
        this.byBucket = Map.copyOf(byBucket);
        this.pause = pause;
    }

    /**
     * The typical latencies, spent through {@code pause}: the world's owner passes time on its clock
     * for the caller waiting on the call (the serving thread stands in for the caller, who is blocked).
     */
    public static LatencyModel realistic(Consumer<Duration> pause) {
        return new LatencyModel(Map.of(
                "aws/non-mutating", Duration.ofMillis(150),
                "aws/mutating", Duration.ofMillis(300),
                "aws/RunInstances", Duration.ofMillis(400),
                "gcp/read", Duration.ofMillis(100),
                "gcp/write", Duration.ofMillis(300),
                "azure/reads", Duration.ofMillis(150),
                "azure/writes", Duration.ofMillis(400)), pause);
    }

    /** The typical latency of a call in {@code bucket} of {@code front}; zero for a bucket the model does not know. */
    public Duration of(String front, String bucket) {
        return byBucket.getOrDefault(front + "/" + bucket, Duration.ZERO);
    }

    /** Spends the call's latency on the clock. */
    void spend(String front, String bucket) {
        Duration latency = of(front, bucket);
        if (!latency.isZero()) {
            pause.accept(latency);
        }
    }

    /** Nanoseconds on {@code clock}, for token buckets that refill on virtual time. */
    static long nanos(VirtualClock clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
