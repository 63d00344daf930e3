package dev.overcast.asl.quota;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A token bucket on the interpreter's clock, as AWS throttles its APIs: a burst, then a steady refill. */
public final class TokenBucket {

    /** A bucket's size and refill rate per second. */
    public record Limit(int burst, double perSecond) {
        public Limit {
            if (burst < 1 || !(perSecond > 0)) {
                throw new IllegalArgumentException("a bucket needs burst >= 1 and perSecond > 0, was " + burst + "/" + perSecond);
            }
        }
    }

    private final Limit limit;
    private final InstantSource clock;
    private double tokens;
    private Instant refilledAt;

    public TokenBucket(Limit limit, InstantSource clock) {
        this.limit = limit;
        this.clock = clock;
        this.tokens = limit.burst();
        this.refilledAt = clock.instant();
    }

    /** Takes a token; false when the bucket is empty (the call is throttled). */
    public synchronized boolean take() {
        Instant now = clock.instant();
        if (now.isAfter(refilledAt)) {
            double elapsed = Duration.between(refilledAt, now).toNanos() / 1e9;
            tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond());
            refilledAt = now;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
