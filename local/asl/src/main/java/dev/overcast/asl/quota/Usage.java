package dev.overcast.asl.quota;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the interpreter's executions consumed, as AWS bills and limits it: state transitions, Lambda
 * invocations and their time (virtual), the peak of concurrent Lambdas, the largest history and payload,
 * and the calls refused by a quota. Thread-safe; read at any time.
 */
public final class Usage {
    private final LongAdder transitions = new LongAdder();
    private final LongAdder executions = new LongAdder();
    private final LongAdder lambdaInvocations = new LongAdder();
    private final Map<String, LongAdder> lambdaMillisByFunction = new ConcurrentHashMap<>();
    private final AtomicInteger lambdasRunning = new AtomicInteger();
    private final LongAccumulator peakLambdas = new LongAccumulator(Math::max, 0);
    private final LongAccumulator maxHistoryEvents = new LongAccumulator(Math::max, 0);
    private final LongAccumulator maxPayloadBytes = new LongAccumulator(Math::max, 0);
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();

    /** Starts counting afresh (peaks included), e.g. after a bench seeded its world. */
    public void reset() {
        transitions.reset();
        executions.reset();
        lambdaInvocations.reset();
        lambdaMillisByFunction.clear();
        peakLambdas.reset();
        maxHistoryEvents.reset();
        maxPayloadBytes.reset();
        throttled.clear();
    }

    public void transition() {
        transitions.increment();
    }

    /** An execution (or a Distributed Map's child workflow execution) ended with this many events. */
    public void executionEnded(int historyEvents) {
        executions.increment();
        maxHistoryEvents.accumulate(historyEvents);
    }

    public void payload(long bytes) {
        maxPayloadBytes.accumulate(bytes);
    }

    /** Takes a Lambda concurrency slot; false when {@code limit} invocations already run. */
    public boolean lambdaStarted(int limit) {
        int now = lambdasRunning.incrementAndGet();
        if (now > limit) {
            lambdasRunning.decrementAndGet();
            return false;
        }
        peakLambdas.accumulate(now);
        lambdaInvocations.increment();
        return true;
    }

    public void lambdaEnded(String function, long virtualMillis) {
        lambdasRunning.decrementAndGet();
        lambdaMillisByFunction.computeIfAbsent(function, f -> new LongAdder()).add(virtualMillis);
    }

    /** A call refused by a quota, by the error it failed with. */
    public void throttled(String error) {
        throttled.computeIfAbsent(error, e -> new LongAdder()).increment();
    }

    public long transitions() {
        return transitions.sum();
    }

    public long executions() {
        return executions.sum();
    }

    public long lambdaInvocations() {
        return lambdaInvocations.sum();
    }

    /** Virtual milliseconds spent in each Lambda function, by the function's name or ARN. */
    public Map<String, Long> lambdaMillisByFunction() {
        return sums(lambdaMillisByFunction);
    }

    public long peakLambdaConcurrency() {
        return peakLambdas.get();
    }

    public long maxHistoryEvents() {
        return maxHistoryEvents.get();
    }

    public long maxPayloadBytes() {
        return maxPayloadBytes.get();
    }

    public Map<String, Long> throttled() {
        return sums(throttled);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> sums = new java.util.TreeMap<>();
        adders.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }
}
