package dev.overcast.core.telemetry;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cloud API calls this process made since the last {@link #drain}, per cloud and action, every
 * attempt counted (a retried call is two), and how many of them the cloud answered "slow down".
 * The adapters' SDK hooks count; the function boundary drains them into metrics after each
 * invocation. Process-wide because a Lambda container runs one invocation at a time: what a drain
 * returns is that invocation's calls (in the local world, where invocations share one JVM, the
 * drains of a flow still add up to the flow's calls).
 */
public final class CloudCalls {

    /** One cloud's action and what became of its attempts. */
    public record Key(String cloud, String action) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byCloud = cloud.compareTo(other.cloud);
            return byCloud != 0 ? byCloud : action.compareTo(other.action);
        }
    }

    public record Counts(long calls, long throttled) {
    }

    private static final Map<Key, LongAdder> CALLS = new ConcurrentHashMap<>();
    private static final Map<Key, LongAdder> THROTTLED = new ConcurrentHashMap<>();

    private CloudCalls() {
    }

    /** One attempt of {@code action} sent to {@code cloud}. */
    public static void sent(String cloud, String action) {
        CALLS.computeIfAbsent(new Key(cloud, action), k -> new LongAdder()).increment();
    }

    /** The cloud refused one attempt for its rate (HTTP 429, or EC2's RequestLimitExceeded, a 503). */
    public static void throttled(String cloud, String action) {
        THROTTLED.computeIfAbsent(new Key(cloud, action), k -> new LongAdder()).increment();
    }

    /** The counts since the last drain, sorted by cloud and action; the counters start again from zero. */
    public static Map<Key, Counts> drain() {
        Map<Key, Counts> drained = new TreeMap<>();
        CALLS.forEach((key, adder) -> {
            long calls = adder.sumThenReset();
            if (calls > 0) {
                drained.put(key, new Counts(calls, 0));
            }
        });
        THROTTLED.forEach((key, adder) -> {
            long throttled = adder.sumThenReset();
            if (throttled > 0) {
                drained.merge(key, new Counts(0, throttled), (a, b) -> new Counts(a.calls(), b.throttled()));
            }
        });
        return drained;
    }
}
