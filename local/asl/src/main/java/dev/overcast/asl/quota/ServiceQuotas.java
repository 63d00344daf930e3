package dev.overcast.asl.quota;

import java.time.Duration;

/**
 * The AWS quotas and overheads the interpreter plays, per account and region.
 *
 * <p>Quotas (Step Functions developer guide, "Step Functions service quotas"; Lambda developer guide,
 * "Lambda quotas"): 25,000 history events per standard execution and 256 KiB per payload are enforced by
 * the execution itself; here the rate and concurrency ones: StartExecution is a token bucket of 1,300
 * with a refill of 300 per second in us-east-1 (800 / 150 in most other regions); Lambda's concurrent
 * executions default to 1,000 per region; a Distributed Map runs at most 10,000 child workflow
 * executions at once, an inline Map 40 iterations.
 *
 * <p>Overheads are the time the service itself adds on the virtual clock: each state transition and
 * each Lambda invocation (zero by default, so flows without a latency model keep their timings).
 *
 * @param lambdaConcurrency   concurrent Lambda invocations in the region
 * @param startExecution      StartExecution's token bucket
 * @param distributedMapConcurrency child executions a Distributed Map runs at once
 * @param stateTransition     virtual time each state transition takes
 * @param lambdaInvocation    virtual time a warm Lambda invocation adds around the function's own work
 */
public record ServiceQuotas(int lambdaConcurrency, TokenBucket.Limit startExecution, int distributedMapConcurrency,
                            Duration stateTransition, Duration lambdaInvocation) {

    public ServiceQuotas {
        if (lambdaConcurrency < 1 || distributedMapConcurrency < 1) {
            throw new IllegalArgumentException("lambdaConcurrency and distributedMapConcurrency must be at least 1");
        }
        if (stateTransition.isNegative() || lambdaInvocation.isNegative()) {
            throw new IllegalArgumentException("overheads cannot be negative");
        }
    }

    /** AWS's default quotas in us-east-1, without overheads. */
    public static ServiceQuotas defaults() {
        return new ServiceQuotas(1_000, new TokenBucket.Limit(1_300, 300), 10_000, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The default quotas with the service's own latency: a state transition ~25 ms and a warm Lambda
     * invocation ~20 ms of overhead. Our estimate from AWS's published figures (Express workflows are
     * sold for "over 100,000 state transitions per second"; standard transitions are journaled and
     * observed in the tens of milliseconds; Lambda's invoke path adds a few tens of milliseconds when warm).
     */
    public static ServiceQuotas realistic() {
        return defaults().withOverheads(Duration.ofMillis(25), Duration.ofMillis(20));
    }

    public ServiceQuotas withOverheads(Duration transition, Duration invocation) {
        return new ServiceQuotas(lambdaConcurrency, startExecution, distributedMapConcurrency, transition, invocation);
    }

    public ServiceQuotas withLambdaConcurrency(int value) {
        return new ServiceQuotas(value, startExecution, distributedMapConcurrency, stateTransition, lambdaInvocation);
    }

    public ServiceQuotas withStartExecution(TokenBucket.Limit value) {
        return new ServiceQuotas(lambdaConcurrency, value, distributedMapConcurrency, stateTransition, lambdaInvocation);
    }
}
