package dev.overcast.cloudsim.world;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Every request a front received, failed ones included, counted per (front, action). */
public final class CallLog {

    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    public void record(String front, String action) {
        counts.computeIfAbsent(front, f -> new ConcurrentHashMap<>())
                .computeIfAbsent(action, a -> new LongAdder())
                .increment();
    }

    public long count(String front, String action) {
        LongAdder adder = counts.getOrDefault(front, Map.of()).get(action);
        return adder == null ? 0 : adder.sum();
    }

    public long total(String front) {
        return counts.getOrDefault(front, Map.of()).values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Counts per action, sorted by action name. */
    public Map<String, Long> byAction(String front) {
        Map<String, Long> result = new TreeMap<>();
        counts.getOrDefault(front, Map.of()).forEach((action, n) -> result.put(action, n.sum()));
        return result;
    }

    public void reset() {
        counts.clear();
    }
}
