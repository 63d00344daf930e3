package dev.overcast.cloudsim.world;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Injected failures: the next N calls of an action fail with a given code, and/or a seeded fraction of
 * all calls fails with one of the front's retryable codes (throttling, 5xx).
 */
public final class Faults {

    private record Planned(String code, int remaining) {}

    private final Map<String, Deque<Planned>> planned = new HashMap<>();
    private double randomRate;
    private Random random = new Random(0);

    public synchronized void failNext(String front, String action, int times, String errorCode) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        if (errorCode == null || errorCode.isBlank()) {
            throw new IllegalArgumentException("errorCode must not be blank");
        }
        planned.computeIfAbsent(key(front, action), k -> new ArrayDeque<>()).addLast(new Planned(errorCode, times));
    }

    public synchronized void randomFaults(double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be within [0, 1], was " + rate);
        }
        randomRate = rate;
        random = new Random(seed);
    }

    public synchronized void clear() {
        planned.clear();
        randomRate = 0;
    }

    /** The error this call must fail with, if any; consumes one planned failure. */
    public synchronized Optional<String> next(String front, String action, List<String> retryableCodes) {
        Deque<Planned> queue = planned.get(key(front, action));
        if (queue != null && !queue.isEmpty()) {
            Planned head = queue.removeFirst();
            if (head.remaining() > 1) {
                queue.addFirst(new Planned(head.code(), head.remaining() - 1));
            }
            return Optional.of(head.code());
        }
        if (randomRate > 0 && !retryableCodes.isEmpty() && random.nextDouble() < randomRate) {
            return Optional.of(retryableCodes.get(random.nextInt(retryableCodes.size())));
        }
        return Optional.empty();
    }

    private static String key(String front, String action) {
        return front + "/" + action;
    }
}
