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
 * all calls fails with one of the front's retryable codes (throttling, 5xx) or, when asked, with an
 * answer fault ({@code timeout}, {@code malformed}: see {@code http.AnswerFault}) after the work was done.
 */
public final class Faults {

    private record Planned(String code, int remaining) {}

    private final Map<String, Deque<Planned>> planned = new HashMap<>();
    private double randomRate;
    private List<String> randomExtraCodes = List.of();
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
        randomFaults(rate, seed, List.of());
    }

    /** As {@link #randomFaults(double, long)}, drawing also from {@code extraCodes} (e.g. answer faults). */
    public synchronized void randomFaults(double rate, long seed, List<String> extraCodes) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be within [0, 1], was " + rate);
        }
        randomRate = rate;
        randomExtraCodes = List.copyOf(extraCodes);
        random = new Random(seed);
    }

    public synchronized void clear() {
        planned.clear();
        randomRate = 0;
        randomExtraCodes = List.of();
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
            int pick = random.nextInt(retryableCodes.size() + randomExtraCodes.size());
            return Optional.of(pick < retryableCodes.size() ? retryableCodes.get(pick) : randomExtraCodes.get(pick - retryableCodes.size()));
        }
        return Optional.empty();
    }

    private static String key(String front, String action) {
        return front + "/" + action;
    }
}
