package dev.overcast.core.converge;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How long each kind takes to build, delete and update on each cloud: what the poll schedule counts with. */
public interface BuildFigures {

    /**
     * The first end of a build stage after {@code now} for a resource whose create started at
     * {@code start}; empty when every stage should be over (it is late, or builds at once).
     */
    Optional<Instant> nextStageEnd(Cloud cloud, ResourceKind kind, Instant start, Instant now);

    /** When a delete started at {@code start} should be done, if that is after {@code now}. */
    Optional<Instant> deleted(Cloud cloud, ResourceKind kind, Instant start, Instant now);

    /** How long an in-place update of a kind takes, for the kinds that publish a figure. */
    Optional<Duration> update(Cloud cloud, ResourceKind kind);
}
