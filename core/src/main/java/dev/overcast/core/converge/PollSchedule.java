package dev.overcast.core.converge;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * When the next round on a cloud is due: when the earliest pending resource should be done, from
 * {@link BuildFigures} counted from when this execution started it ({@link History}), instead of on a
 * fixed beat. A figure that is wrong costs calls or seconds, never correctness.
 */
public final class PollSchedule {
    /** Soonest next round: another cloud acts on what just became ready, a fresh resource hides from its first read. */
    public static final int SOON = 5;
    /** After a refusal worth retrying (throttling, a dependency the cloud does not see yet). */
    public static final int AFTER_REFUSAL = 15;
    /** Nothing of this cloud is due; only other clouds' builds can unblock it, and they poll for themselves. */
    public static final int IDLE = 600;
    /** A resource on its way since before this execution. */
    public static final int UNKNOWN_START = 30;
    /** A resource past its published figures is polled at a tenth of its age, within these bounds. */
    public static final int LATE_MIN = 5;
    public static final int LATE_MAX = 60;

    private final Cloud cloud;
    private final Instant now;
    private final BuildFigures figures;
    private final Map<String, Instant> started;
    private final Map<String, History> histories;
    private final Map<String, String> refused;
    private final Map<String, Observation> before = new HashMap<>();

    /**
     * @param started   when this execution started creating (or, destroying, deleting) each resource,
     *                  this round's calls included
     * @param histories this execution's history of each resource as the round found it
     * @param refused   resources refused this round, with the dependency the cloud named, if it named one
     * @param recorded  the inventory's observed rows before this round, to tell what changed
     */
    public PollSchedule(Cloud cloud, Instant now, BuildFigures figures, Map<String, Instant> started,
                        Map<String, History> histories, Map<String, String> refused, List<Observation> recorded) {
        this.cloud = cloud;
        this.now = now;
        this.figures = figures;
        this.started = Map.copyOf(started);
        this.histories = Map.copyOf(histories);
        this.refused = new HashMap<>(refused);
        recorded.forEach(o -> before.put(o.name(), o));
    }

    /**
     * Seconds until the next create or reconcile round: the earliest expected end of a build stage (or
     * delete) of this cloud's pending resources; soon when another cloud waits on a resource that just
     * became ready, since that cloud's round this time may have read the inventory before this one wrote it.
     */
    public int afterBuild(Plan plan, List<Observation> observed) {
        Map<String, Observation> seen = new HashMap<>();
        observed.forEach(o -> seen.put(o.name(), o));
        List<Instant> due = new ArrayList<>();
        for (Resource r : plan.resources()) {
            Observation o = seen.get(r.name());
            if (r.cloud() != cloud || (o != null && o.state() == ResourceState.READY)) {
                continue;
            }
            Instant start = started.get(r.name());
            if (o == null && start != null && !refused.containsKey(r.name())) {
                // Started but not listed: a fresh resource hidden from its first read.
                due.add(now.plus(Duration.ofSeconds(SOON)));
            } else if (o != null) {
                Instant from = start != null ? start : recorded(r.name(), History::firstTried);
                due.add(from == null ? unknownStart() : figures.nextStageEnd(cloud, r.kind(), from, now).orElseGet(() -> late(from)));
            }
        }
        Map<String, Resource> planned = plan.byName();
        observed.stream().filter(o -> !planned.containsKey(o.name())).forEach(o -> due.add(deleteDue(o)));
        due.addAll(refusalsDue(planned));
        if (unblocksAnotherCloud(plan, seen)) {
            due.add(now.plus(Duration.ofSeconds(SOON)));
        }
        return secondsUntil(due);
    }

    /**
     * Seconds until the next destroy round: the earliest expected end of a delete; soon when a
     * resource that depended on another cloud's is gone, since that one may be deleted now.
     */
    public int afterDelete(Plan plan, List<Observation> observed) {
        List<Instant> due = new ArrayList<>();
        observed.stream().filter(o -> o.state() == ResourceState.DELETING || started.containsKey(o.name()))
                .forEach(o -> due.add(deleteDue(o)));
        Set<String> present = new HashSet<>();
        observed.forEach(o -> present.add(o.name()));
        Map<String, Resource> planned = plan.byName();
        boolean unblocks = before.values().stream()
                .filter(o -> o.cloud() == cloud && !present.contains(o.name()) && planned.containsKey(o.name()))
                .flatMap(o -> planned.get(o.name()).dependsOn().stream())
                .map(planned::get)
                .anyMatch(d -> d != null && d.cloud() != cloud);
        if (unblocks) {
            due.add(now.plus(Duration.ofSeconds(SOON)));
        }
        if (!refused.isEmpty()) {
            due.add(now.plus(Duration.ofSeconds(AFTER_REFUSAL)));
        }
        return secondsUntil(due);
    }

    /** Whether a resource of this cloud became ready since the last round while one on another cloud depends on it. */
    private boolean unblocksAnotherCloud(Plan plan, Map<String, Observation> seen) {
        return plan.resources().stream().filter(r -> r.cloud() != cloud)
                .flatMap(r -> r.dependsOn().stream())
                .map(seen::get)
                .anyMatch(o -> o != null && o.state() == ResourceState.READY
                        && (before.get(o.name()) == null || before.get(o.name()).state() != ResourceState.READY));
    }

    /**
     * When to try refused resources again. One waiting for a dependency of this cloud with a
     * published update figure (an Azure gateway whose BGP addresses are written again) is due that long
     * after it started waiting; one refused for a busy dependency (another operation in progress)
     * is due when a sibling waiting on that dependency is; anything else after a short back-off.
     */
    private List<Instant> refusalsDue(Map<String, Resource> planned) {
        Map<String, Instant> byDependency = new HashMap<>();
        List<Instant> due = new ArrayList<>();
        refused.forEach((name, dependency) -> {
            Resource d = dependency == null ? null : planned.get(dependency);
            if (d != null && d.cloud() == cloud) {
                figures.update(cloud, d.kind()).ifPresent(figure -> {
                    Instant waitingSince = recorded(name, History::waitingSince);
                    Instant since = waitingSince != null ? waitingSince : now;
                    Instant end = since.plus(figure).isAfter(now) ? since.plus(figure) : late(since);
                    byDependency.merge(d.name(), end, (x, y) -> x.isBefore(y) ? x : y);
                });
            }
        });
        refused.forEach((name, dependency) -> {
            Resource r = planned.get(name);
            Collection<String> on = dependency != null ? List.of(dependency) : r == null ? List.of() : r.dependsOn();
            due.add(on.stream().map(byDependency::get).filter(Objects::nonNull).min(Comparator.naturalOrder())
                    .orElseGet(() -> now.plus(Duration.ofSeconds(AFTER_REFUSAL))));
        });
        return due;
    }

    private Instant deleteDue(Observation o) {
        Instant start = started.get(o.name());
        return start == null ? unknownStart() : figures.deleted(cloud, o.kind(), start, now).orElseGet(() -> late(start));
    }

    /** Started before this execution (a crash, another flow): no figure to count from. */
    private Instant unknownStart() {
        return now.plus(Duration.ofSeconds(UNKNOWN_START));
    }

    /** When to look at a resource that outlived its figures: a tenth of its age from now, within bounds. */
    private Instant late(Instant since) {
        long tenth = Duration.between(since, now).toSeconds() / 10;
        return now.plus(Duration.ofSeconds(Math.max(LATE_MIN, Math.min(LATE_MAX, tenth))));
    }

    private int secondsUntil(List<Instant> due) {
        return due.stream().min(Comparator.naturalOrder())
                .map(at -> (int) Math.max(SOON, Duration.between(now, at).toSeconds()))
                .orElse(IDLE);
    }

    /** An instant of this execution's history of a resource, or null when it has none. */
    private Instant recorded(String name, Function<History, Instant> field) {
        History history = histories.get(name);
        return history == null ? null : field.apply(history);
    }
}
