package dev.overcast.cloudsim.world;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per (front, account, region, bucket), as EC2 publishes them. They refill on REAL
 * elapsed time, not the virtual clock: a throttled SDK backs off by sleeping in real time, and a bucket
 * on a virtual clock that nobody advances would never refill.
 */
public final class Throttle {

    /** A bucket's size and refill rate. */
    public record Limit(int burst, double perSecond) {
        public Limit {
            if (burst < 1 || !(perSecond > 0)) {
                throw new IllegalArgumentException("a limit needs burst >= 1 and perSecond > 0, was " + burst + "/" + perSecond);
            }
        }
    }

    /** Limits per (front, bucket); a bucket with no limit is never throttled. */
    public static final class Limits {
        private final Map<String, Limit> byKey;

        private Limits(Map<String, Limit> byKey) {
            this.byKey = Map.copyOf(byKey);
        }

        /** EC2's published request-token buckets, Compute's per-project queries per minute, ARM's per-subscription reads and writes. */
        public static Limits defaults() {
            return new Limits(Map.of(
                    "aws/non-mutating", new Limit(100, 20),
                    "aws/mutating", new Limit(50, 5),
                    "aws/RunInstances", new Limit(5, 2),
                    "gcp/read", new Limit(1500, 25),
                    "gcp/write", new Limit(1500, 25),
                    "azure/reads", new Limit(250, 25),
                    "azure/writes", new Limit(200, 10)));
        }

        public Limits with(String front, String bucket, Limit limit) {
            Map<String, Limit> next = new HashMap<>(byKey);
            next.put(front + "/" + bucket, limit);
            return new Limits(next);
        }

        Limit of(String front, String bucket) {
            return byKey.get(front + "/" + bucket);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private final Limits limits;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public Throttle(Limits limits) {
        this(limits, System::nanoTime);
    }

    Throttle(Limits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    /** Takes one token; false when the bucket is empty (the caller answers with its throttling error). */
    public boolean admit(String front, String account, String region, String bucketName) {
        Limit limit = limits.of(front, bucketName);
        if (limit == null) {
            return true;
        }
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(
                String.join("/", front, account, region, bucketName), k -> new Bucket(limit.burst(), now));
        synchronized (bucket) {
            double refill = (now - bucket.refilledAt) / 1e9 * limit.perSecond();
            bucket.tokens = Math.min(limit.burst(), bucket.tokens + refill);
            bucket.refilledAt = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }
}
