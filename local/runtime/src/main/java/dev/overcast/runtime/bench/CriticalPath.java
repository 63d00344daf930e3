package dev.overcast.runtime.bench;

import dev.overcast.cloudsim.world.Durations;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.functions.CloudAdapters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fastest any scheduler could build (or tear down) a plan: every resource starts the instant its
 * dependencies are done and takes exactly its create (or delete) stages as its adapter publishes them
 * ({@link KindTimings}; cloudsim runs on the same figures, which a test holds together). The DAG is the
 * plan's {@code dependsOn}. Stages after a resource is ready (an AWS connection's tunnels coming up) are
 * off the path. Kubernetes nodes come after the instances, on cloudsim's node schedule: the first master
 * is Ready {@code node.init} after it runs, every other node {@code node.join} after both it runs and the
 * control plane is up.
 */
public final class CriticalPath {
    private static final String KUBERNETES = "kubernetes";
    private static final String NODE_PREFIX = "node:";

    /**
     * One node of the schedule: a plan resource, or a Kubernetes node ({@code node:<instance>}).
     *
     * @param earliestStart when its last dependency is done, at the earliest
     * @param duration      the sum of its stages, each as long as its slowest operation
     * @param critical      the dependency that decided {@code earliestStart}, if any
     */
    public record Step(String name, Duration earliestStart, Duration duration, String critical) {
        public Duration earliestFinish() {
            return earliestStart.plus(duration);
        }
    }

    private final Map<String, Step> steps;

    private CriticalPath(Map<String, Step> steps) {
        this.steps = Collections.unmodifiableMap(steps);
    }

    /** Building the plan, then its Kubernetes nodes up to Ready. */
    public static CriticalPath create(Plan plan, CloudAdapters adapters, Durations durations) {
        Map<String, Step> steps = new LinkedHashMap<>();
        for (Resource r : plan.creationOrder()) {
            schedule(steps, r.name(), r.dependsOn(), KindTimings.total(timings(adapters, r).createStages()));
        }
        Optional<Resource> init = plan.resources().stream()
                .filter(r -> r.kind() == ResourceKind.INSTANCE && "master".equals(r.attribute(Attributes.ROLE)))
                .findFirst();
        init.ifPresent(first -> {
            String controlPlane = NODE_PREFIX + first.name();
            schedule(steps, controlPlane, List.of(first.name()), durations.of(KUBERNETES, "node.init"));
            plan.resources().stream().filter(r -> r.kind() == ResourceKind.INSTANCE && !r.equals(first))
                    .forEach(r -> schedule(steps, NODE_PREFIX + r.name(), List.of(r.name(), controlPlane),
                            durations.of(KUBERNETES, "node.join")));
        });
        return new CriticalPath(steps);
    }

    /** Tearing the plan down: dependants first. */
    public static CriticalPath destroy(Plan plan, CloudAdapters adapters) {
        Map<String, List<String>> dependants = new HashMap<>();
        plan.resources().forEach(r -> r.dependsOn().forEach(d -> dependants.computeIfAbsent(d, k -> new ArrayList<>()).add(r.name())));
        Map<String, Step> steps = new LinkedHashMap<>();
        for (Resource r : plan.deletionOrder()) {
            schedule(steps, r.name(), dependants.getOrDefault(r.name(), List.of()), KindTimings.total(timings(adapters, r).deleteStages()));
        }
        return new CriticalPath(steps);
    }

    private static void schedule(Map<String, Step> steps, String name, Iterable<String> after, Duration duration) {
        Duration start = Duration.ZERO;
        String critical = null;
        for (String dependency : after) {
            Duration finish = steps.get(dependency).earliestFinish();
            if (critical == null || finish.compareTo(start) > 0) {
                start = finish;
                critical = dependency;
            }
        }
        steps.put(name, new Step(name, start, duration, critical));
    }

    private static KindTimings timings(CloudAdapters adapters, Resource r) {
        return adapters.adapter(r.cloud()).timings(r.kind());
    }

    /** The lower bound: the latest earliest-finish of any step. */
    public Duration length() {
        return steps.values().stream().map(Step::earliestFinish).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Every step one after the other: what a scheduler without any parallelism would take. */
    public Duration sequential() {
        return steps.values().stream().map(Step::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** The chain deciding {@link #length()}, first step first. */
    public List<Step> chain() {
        List<Step> chain = new ArrayList<>();
        Step last = steps.values().stream().max((a, b) -> a.earliestFinish().compareTo(b.earliestFinish())).orElse(null);
        for (Step s = last; s != null; s = s.critical() == null ? null : steps.get(s.critical())) {
            chain.add(0, s);
        }
        return chain;
    }

    public Map<String, Step> steps() {
        return steps;
    }
}
