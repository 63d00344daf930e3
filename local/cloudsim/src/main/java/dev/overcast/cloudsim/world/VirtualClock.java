package dev.overcast.cloudsim.world;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * The world's time: a base source (real, scaled or fixed) plus every {@link #advance} so far. Operation
 * durations are measured on it, so a scaled or advanced run shows a VPN connection taking its eight
 * minutes without waiting for them.
 */
public final class VirtualClock implements InstantSource {

    private final InstantSource base;
    private Duration offset = Duration.ZERO;

    public VirtualClock(InstantSource base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** Flows with real time. */
    public static VirtualClock system() {
        return new VirtualClock(Clock.systemUTC());
    }

    /** Stands still unless advanced: every duration is then under the test's control. */
    public static VirtualClock fixed(Instant start) {
        return new VirtualClock(Clock.fixed(start, java.time.ZoneOffset.UTC));
    }

    /** Flows {@code speed} times faster than real time, starting now. */
    public static VirtualClock scaled(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("clock speed must be a positive finite number, was " + speed);
        }
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        return new VirtualClock(() -> start.plusNanos((long) ((System.nanoTime() - startNanos) * speed)));
    }

    @Override
    public synchronized Instant instant() {
        return base.instant().plus(offset);
    }

    public Instant now() {
        return instant();
    }

    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, asked to advance by " + by);
        }
        offset = offset.plus(by);
    }
}
