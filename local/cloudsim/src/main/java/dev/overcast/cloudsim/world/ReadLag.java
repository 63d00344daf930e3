package dev.overcast.cloudsim.world;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Eventual consistency as each cloud documents it: how long, on the virtual clock, a fresh resource
 * stays out of its front's reads (describe and list calls) after the call that created it. Calls that
 * change or name the resource see it at once, as the control plane does. A front not listed reads
 * consistently.
 */
public final class ReadLag {

    private final Map<String, Duration> byFront;

    private ReadLag(Map<String, Duration> byFront) {
        this.byFront = Map.copyOf(byFront);
    }

    /** Every front reads what was just written. */
    public static ReadLag none() {
        return new ReadLag(Map.of());
    }

    public static ReadLag defaults() {
        Map<String, Duration> lag = new HashMap<>();
        // EC2: "the result of an API command you run that affects your Amazon EC2 resources might not be
        // immediately visible to all subsequent commands"; AWS advises retrying a describe "starting with a
        // couple of seconds of wait time" (EC2 developer guide, "Eventual consistency in the Amazon EC2 API").
        lag.put("aws", Duration.ofSeconds(2));
        // ARM: reads after writes may lag (a resource provider answers the PUT before every replica that
        // serves GET and list has it). Azure publishes no figure, so this is an assumption: the same couple
        // of seconds as EC2.
        lag.put("azure", Duration.ofSeconds(2));
        // Compute Engine lists and gets are strongly consistent: not listed.
        return new ReadLag(lag);
    }

    public ReadLag with(String front, Duration lag) {
        if (lag.isNegative()) {
            throw new IllegalArgumentException("read lag of " + front + " must not be negative");
        }
        Map<String, Duration> next = new HashMap<>(byFront);
        next.put(front, lag);
        return new ReadLag(next);
    }

    public Duration of(String front) {
        return byFront.getOrDefault(front, Duration.ZERO);
    }
}
