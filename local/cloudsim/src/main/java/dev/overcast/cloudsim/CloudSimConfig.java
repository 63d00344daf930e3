package dev.overcast.cloudsim;

import dev.overcast.cloudsim.world.Durations;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.cloudsim.world.ReadLag;
import dev.overcast.cloudsim.world.Throttle;
import java.time.InstantSource;
import java.util.Set;

/**
 * How a simulated world runs.
 *
 * @param firstPort port of the first front (AWS); the control endpoint takes the next one, Azure the third after it.
 *     0 = ephemeral ports
 * @param clock the world's time base; null = real time (a {@link dev.overcast.cloudsim.world.VirtualClock}
 *     wraps it either way, so tests can advance it)
 * @param durations how long each operation takes on the virtual clock
 * @param readLag per front, how long a fresh resource stays out of reads (eventual consistency)
 * @param throttling whether the fronts answer request-limit errors when a token bucket is empty
 * @param throttleLimits the token buckets
 * @param quotas per-account, per-region limits on live resources
 * @param accounts fixed set of account ids; empty = any account comes into being on first use
 * @param seed seeds generated ids and nothing else
 */
public record CloudSimConfig(
        int firstPort,
        InstantSource clock,
        Durations durations,
        ReadLag readLag,
        boolean throttling,
        Throttle.Limits throttleLimits,
        Quotas quotas,
        Set<String> accounts,
        long seed) {

    public CloudSimConfig {
        if (firstPort < 0 || firstPort > 65532) {
            throw new IllegalArgumentException("firstPort must be 0 (ephemeral) or 1..65532, was " + firstPort);
        }
        if (durations == null || readLag == null || throttleLimits == null || quotas == null) {
            throw new IllegalArgumentException("durations, readLag, throttleLimits and quotas are required");
        }
        accounts = accounts == null ? Set.of() : Set.copyOf(accounts);
    }

    /** Realistic: ephemeral ports, real time, published durations, quotas and throttles, eventual consistency. */
    public static CloudSimConfig defaults() {
        return new CloudSimConfig(0, null, Durations.defaults(), ReadLag.defaults(), true, Throttle.Limits.defaults(),
                Quotas.defaults(), Set.of(), 42L);
    }

    public CloudSimConfig withFirstPort(int port) {
        return new CloudSimConfig(port, clock, durations, readLag, throttling, throttleLimits, quotas, accounts, seed);
    }

    public CloudSimConfig withClock(InstantSource source) {
        return new CloudSimConfig(firstPort, source, durations, readLag, throttling, throttleLimits, quotas, accounts, seed);
    }

    public CloudSimConfig withDurations(Durations value) {
        return new CloudSimConfig(firstPort, clock, value, readLag, throttling, throttleLimits, quotas, accounts, seed);
    }

    /** Each cloud's documented read lag ({@link ReadLag#defaults()}), or none: every read sees every write. */
    public CloudSimConfig withEventualConsistency(boolean on) {
        return withReadLag(on ? ReadLag.defaults() : ReadLag.none());
    }

    public CloudSimConfig withReadLag(ReadLag value) {
        return new CloudSimConfig(firstPort, clock, durations, value, throttling, throttleLimits, quotas, accounts, seed);
    }

    public CloudSimConfig withThrottling(boolean on) {
        return new CloudSimConfig(firstPort, clock, durations, readLag, on, throttleLimits, quotas, accounts, seed);
    }

    public CloudSimConfig withThrottleLimits(Throttle.Limits value) {
        return new CloudSimConfig(firstPort, clock, durations, readLag, throttling, value, quotas, accounts, seed);
    }

    public CloudSimConfig withQuotas(Quotas value) {
        return new CloudSimConfig(firstPort, clock, durations, readLag, throttling, throttleLimits, value, accounts, seed);
    }

    public CloudSimConfig withAccounts(Set<String> value) {
        return new CloudSimConfig(firstPort, clock, durations, readLag, throttling, throttleLimits, quotas, value, seed);
    }

    public CloudSimConfig withSeed(long value) {
        return new CloudSimConfig(firstPort, clock, durations, readLag, throttling, throttleLimits, quotas, accounts, value);
    }
}
