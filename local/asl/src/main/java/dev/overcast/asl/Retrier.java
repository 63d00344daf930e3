package dev.overcast.asl;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** One Retry entry with AWS's defaults: 1 s interval, 3 attempts, backoff 2.0, no jitter. */
record Retrier(List<String> errorEquals, double intervalSeconds, int maxAttempts, double backoffRate,
               Integer maxDelaySeconds, boolean fullJitter) {
    private static final Set<String> FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
            "MaxDelaySeconds", "JitterStrategy", "Comment");

    static Retrier parse(Fields fields) {
        fields.onlyAllowed(FIELDS, Set.of());
        List<String> errors = ErrorMatchers.errorEquals(fields);
        Integer interval = fields.integer("IntervalSeconds", 1);
        Integer attempts = fields.integer("MaxAttempts", 0);
        Double backoff = fields.number("BackoffRate", 1.0);
        Integer maxDelay = fields.integer("MaxDelaySeconds", 1);
        String jitter = fields.string("JitterStrategy");
        if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
            fields.error("'JitterStrategy' must be FULL or NONE");
        }
        return new Retrier(errors, interval == null ? 1 : interval, attempts == null ? 3 : attempts,
                backoff == null ? 2.0 : backoff, maxDelay, "FULL".equals(jitter));
    }

    /** The wait before retry number {@code attempt} (0-based). */
    Duration delay(int attempt) {
        double seconds = intervalSeconds * Math.pow(backoffRate, attempt);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        if (fullJitter) {
            seconds = ThreadLocalRandom.current().nextDouble(0, seconds);
        }
        return Duration.ofNanos((long) (seconds * 1_000_000_000L));
    }
}
