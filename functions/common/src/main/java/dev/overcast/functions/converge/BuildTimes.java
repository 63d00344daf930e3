package dev.overcast.functions.converge;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.converge.BuildFigures;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.functions.CloudAdapters;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long each kind typically takes to build and to delete on each cloud, as each adapter's clients
 * publish it ({@link KindTimings}). A kind built in stages has one duration per stage, the stages after
 * it is ready included: the next stage starts when a round resumes it, which is why a round is due at
 * every stage's end. Converge polls when the earliest pending resource is expected ready instead of on a
 * fixed beat; a resource that outlives its figures is polled at a short fixed interval, so a wrong figure
 * costs calls or seconds, never correctness.
 */
public final class BuildTimes implements BuildFigures {
    private final Map<Cloud, Map<ResourceKind, KindTimings>> byCloud;

    private BuildTimes(Map<Cloud, Map<ResourceKind, KindTimings>> byCloud) {
        this.byCloud = byCloud;
    }

    /** The figures of the adapters a deployment carries; a cloud without an adapter has none. */
    public static BuildTimes of(CloudAdapters adapters) {
        Map<Cloud, Map<ResourceKind, KindTimings>> byCloud = new EnumMap<>(Cloud.class);
        for (CloudAdapter adapter : adapters.all()) {
            Map<ResourceKind, KindTimings> byKind = new EnumMap<>(ResourceKind.class);
            for (ResourceKind kind : ResourceKind.values()) {
                byKind.put(kind, adapter.timings(kind));
            }
            byCloud.put(adapter.cloud(), byKind);
        }
        return new BuildTimes(byCloud);
    }

    /**
     * The first end of a build stage after {@code now} for a resource whose create started at
     * {@code start}; empty when every stage should be over (it is late, or builds at once).
     */
    @Override
    public Optional<Instant> nextStageEnd(Cloud cloud, ResourceKind kind, Instant start, Instant now) {
        KindTimings timings = timings(cloud, kind);
        Instant end = start;
        for (List<KindTimings.Stage> phase : List.of(timings.createStages(), timings.settleStages())) {
            for (KindTimings.Stage stage : phase) {
                end = end.plus(stage.duration());
                if (end.isAfter(now)) {
                    return Optional.of(end);
                }
            }
        }
        return Optional.empty();
    }

    /** When a delete started at {@code start} should be done, if that is after {@code now}. */
    @Override
    public Optional<Instant> deleted(Cloud cloud, ResourceKind kind, Instant start, Instant now) {
        Instant end = start.plus(KindTimings.total(timings(cloud, kind).deleteStages()));
        return end.isAfter(now) ? Optional.of(end) : Optional.empty();
    }

    /** How long an in-place update of a kind takes, for the kinds that publish a figure. */
    @Override
    public Optional<Duration> update(Cloud cloud, ResourceKind kind) {
        List<KindTimings.Stage> stages = timings(cloud, kind).updateStages();
        return stages.isEmpty() ? Optional.empty() : Optional.of(KindTimings.total(stages));
    }

    private KindTimings timings(Cloud cloud, ResourceKind kind) {
        return byCloud.getOrDefault(cloud, Map.of()).getOrDefault(kind, KindTimings.INSTANT);
    }
}
