package dev.overcast.core.converge;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.diff.Action;
import dev.overcast.core.diff.ActionType;
import dev.overcast.core.diff.Diff;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The decisions of one converge round on one cloud, without a cloud or a table in sight: what to
 * observe, which calls to make (in order), what the round counts, and which inventory rows outlive
 * their resource. The step around it only reads, records and calls.
 */
public final class RoundPlanner {

    /**
     * The calls of a round, whether the diff asked for anything on this cloud at all (an action
     * whose dependencies are not ready is not a call, yet keeps the cloud unsettled), and the drift in
     * create-only attributes, which is reported and leaves the cloud settled.
     */
    public record Work(List<Call> calls, boolean anyAction, List<CreateOnlyDrift> createOnlyDrift) {
        public Work {
            calls = List.copyOf(calls);
            createOnlyDrift = List.copyOf(createOnlyDrift);
        }

        public Work(List<Call> calls, boolean anyAction) {
            this(calls, anyAction, List.of());
        }
    }

    /**
     * A resource whose cloud fixed an attribute at creation that now differs from the plan. Overcast
     * repairs none of it in place and replaces nothing for it: a master or a network only on an explicit
     * request, and worker replacement is not built yet.
     *
     * @param attributes each drifted create-only key and the value observed
     */
    public record CreateOnlyDrift(String name, ResourceKind kind, String role, SortedMap<String, String> attributes) {

        /** {@code demo-instance-gcp-0 (worker): userData} */
        @Override
        public String toString() {
            return name + (role == null ? "" : " (" + role + ")") + ": " + String.join(", ", attributes.keySet());
        }
    }

    /**
     * @param pending planned resources of the cloud not ready yet plus owned ones not planned (create,
     *                reconcile), or owned ones still present (destroy)
     */
    public record Counts(int pending, int ready, int failed) {
    }

    /**
     * What the round reports.
     *
     * @param lookAgain a destroy round found nothing before this execution deleted anything on the
     *                  cloud: EC2 leaves a fresh resource out of its first describe, so one made by the last
     *                  call of a flow this destroy took over from (delete during create) could hide. It looks once more.
     */
    public record Verdict(int pending, int ready, int failed, boolean settled, int nextPollSeconds, boolean lookAgain) {
    }

    private RoundPlanner() {
    }

    /**
     * The kinds a round must observe on the cloud. A create round observes only those with a planned
     * resource not READY in the inventory, or with a row the plan does not know: the READY rows stand
     * in for the rest, since nothing but this flow touches them meanwhile. Reconcile and destroy
     * observe every kind, drift being their point.
     *
     * @param recorded the inventory's observed rows, as observations
     */
    public static Set<ResourceKind> kindsToObserve(Mode mode, Plan plan, Cloud cloud, List<Observation> recorded) {
        if (mode != Mode.CREATE) {
            return EnumSet.allOf(ResourceKind.class);
        }
        Map<String, Observation> rows = new HashMap<>();
        recorded.stream().filter(o -> o.cloud() == cloud).forEach(o -> rows.put(o.name(), o));
        Map<String, Resource> planned = plan.byName();
        Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
        planned.values().stream().filter(r -> r.cloud() == cloud)
                .filter(r -> rows.get(r.name()) == null || rows.get(r.name()).state() != ResourceState.READY)
                .forEach(r -> kinds.add(r.kind()));
        rows.values().stream().filter(o -> !planned.containsKey(o.name()) || o.state() != ResourceState.READY)
                .forEach(o -> kinds.add(o.kind()));
        return kinds;
    }

    /** The planned region of the cloud and any other region the inventory remembers it in (a plan may move). */
    public static Set<String> regions(Plan plan, Cloud cloud, List<Observation> recorded) {
        Set<String> regions = new TreeSet<>();
        if (plan.regions().regions().containsKey(cloud)) {
            regions.add(plan.regions().region(cloud).name());
        }
        recorded.stream().filter(o -> o.cloud() == cloud && o.region() != null).forEach(o -> regions.add(o.region()));
        return regions;
    }

    /**
     * Create and reconcile: core's {@link Diff} over the cloud's observations and the other clouds'
     * inventory, this cloud's actions whose dependencies are all READY (a GCP peer gateway reads the
     * AWS tunnel's outside address from what the AWS round recorded), then a resume for each planned
     * resource still CREATING that no action touches: creates are idempotent, and a kind built in
     * stages finishes its next stage there (EC2 attaches a VGW only once it is available). Diff leaves
     * such resources alone, so without a resume they would wait forever.
     *
     * @param observed  this cloud's resources: observed now, or READY rows standing in for unobserved kinds
     * @param elsewhere the other clouds' inventory rows
     */
    public static Work apply(Cloud cloud, Plan plan, List<Observation> observed, List<Observation> elsewhere,
                             Function<ResourceKind, Set<String>> createOnly) {
        List<Observation> all = new ArrayList<>(observed);
        all.addAll(elsewhere);
        Map<String, Observation> byName = new HashMap<>();
        // Two observations of one name (a plan that moved regions): the READY one is what dependants may use.
        all.stream().sorted(Comparator.comparing((Observation o) -> o.state() == ResourceState.READY))
                .forEach(o -> byName.put(o.name(), o));
        List<Action> actions = new ArrayList<>();
        List<CreateOnlyDrift> fixed = new ArrayList<>();
        for (Action action : Diff.between(plan, all)) {
            if (cloudOf(action) != cloud) {
                continue;
            }
            if (action.type() != ActionType.UPDATE) {
                actions.add(action);
                continue;
            }
            Set<String> createOnlyKeys = createOnly.apply(action.desired().kind());
            SortedMap<String, String> drifted = new TreeMap<>();
            action.reasons().stream().filter(createOnlyKeys::contains).forEach(key -> drifted.put(key, action.observed().attribute(key)));
            if (!drifted.isEmpty()) {
                fixed.add(new CreateOnlyDrift(action.name(), action.desired().kind(), action.desired().attribute(Attributes.ROLE), drifted));
            }
            List<String> repairable = action.reasons().stream().filter(key -> !createOnlyKeys.contains(key)).toList();
            if (!repairable.isEmpty()) {
                actions.add(new Action(ActionType.UPDATE, action.name(), action.desired(), action.observed(), repairable));
            }
        }
        List<Call> calls = new ArrayList<>();
        Set<String> acted = new HashSet<>();
        for (Action action : actions) {
            acted.add(action.name());
            Dependencies dependencies = action.type() == ActionType.DELETE ? Dependencies.NONE
                    : readyDependencies(action.desired(), byName);
            if (dependencies != null) {
                calls.add(new Call(action, dependencies, false));
            }
        }
        Map<String, Resource> planned = plan.byName();
        for (Observation o : observed) {
            Resource desired = planned.get(o.name());
            if (o.state() != ResourceState.CREATING || desired == null || acted.contains(o.name())) {
                continue;
            }
            Dependencies dependencies = readyDependencies(desired, byName);
            if (dependencies != null) {
                calls.add(new Call(new Action(ActionType.CREATE, o.name(), desired, o, List.of("resume")), dependencies, true));
            }
        }
        return new Work(calls, !actions.isEmpty(), fixed);
    }

    /**
     * Destroy: a delete for every owned resource observed and not DELETING already, once nothing
     * planned that depends on it is present; dependants first (kinds in reverse plan order), then by name.
     */
    public static Work destroy(Plan plan, List<Observation> observed) {
        Set<String> present = new HashSet<>();
        observed.forEach(o -> present.add(o.name()));
        Map<String, Set<String>> dependants = new HashMap<>();
        for (Resource r : plan.resources()) {
            r.dependsOn().forEach(d -> dependants.computeIfAbsent(d, k -> new HashSet<>()).add(r.name()));
        }
        List<Call> calls = observed.stream()
                .filter(o -> o.state() != ResourceState.DELETING)
                .filter(o -> dependants.getOrDefault(o.name(), Set.of()).stream().noneMatch(present::contains))
                .sorted(Comparator.comparing(Observation::kind, Comparator.reverseOrder()).thenComparing(Observation::name))
                .map(o -> new Call(new Action(ActionType.DELETE, o.name(), null, o, List.of("destroy")), Dependencies.NONE, false))
                .toList();
        return new Work(calls, !calls.isEmpty());
    }

    /** Create and reconcile: how far the cloud is towards the plan. */
    public static Counts counts(Cloud cloud, Plan plan, List<Observation> observed) {
        Map<String, Resource> planned = plan.byName();
        Map<String, Observation> seen = new HashMap<>();
        observed.forEach(o -> seen.putIfAbsent(o.name(), o));
        int ready = 0;
        int failed = 0;
        int total = 0;
        for (Resource r : planned.values()) {
            if (r.cloud() != cloud) {
                continue;
            }
            total++;
            Observation o = seen.get(r.name());
            if (o != null && o.state() == ResourceState.READY) {
                ready++;
            } else if (o != null && o.state() == ResourceState.FAILED) {
                failed++;
            }
        }
        int orphans = (int) observed.stream().filter(o -> !planned.containsKey(o.name())).count();
        return new Counts(total - ready + orphans, ready, failed);
    }

    /** Create and reconcile: settled when every planned resource is ready, nothing unplanned is left and the diff is empty. */
    public static Verdict applied(Cloud cloud, Plan plan, List<Observation> observed, Work work, PollSchedule schedule) {
        Counts counts = counts(cloud, plan, observed);
        boolean settled = counts.pending() == 0 && !work.anyAction();
        return new Verdict(counts.pending(), counts.ready(), counts.failed(), settled,
                settled ? 0 : schedule.afterBuild(plan, observed), false);
    }

    /**
     * Destroy: settled when observe finds nothing owned, and (see {@link Verdict#lookAgain}) either an
     * earlier round of this execution found nothing too or this execution deleted something on the cloud.
     */
    public static Verdict destroyed(Plan plan, List<Observation> observed, PollSchedule schedule,
                                    boolean foundNothingBefore, boolean deletedBefore) {
        if (observed.isEmpty() && !foundNothingBefore && !deletedBefore) {
            return new Verdict(0, 0, 0, false, PollSchedule.SOON, true);
        }
        return new Verdict(observed.size(), 0, 0, observed.isEmpty(),
                observed.isEmpty() ? 0 : schedule.afterDelete(plan, observed), false);
    }

    /**
     * Whether the inventory keeps the row of a resource the cloud no longer lists, as a row not
     * observed yet: a planned one this execution already worked on, since it will create it again
     * and its expected end counts from its first create. A destroy forgets everything that is gone.
     */
    public static boolean remembersGone(Mode mode, Plan plan, String name, History recorded, String execution) {
        return mode != Mode.DESTROY && plan.byName().containsKey(name)
                && recorded != null && recorded.execution().equals(execution);
    }

    /**
     * Dependencies of a resource as observed, or null while one is missing or not ready: that
     * resource waits for a later round instead of making a call bound to fail.
     */
    private static Dependencies readyDependencies(Resource desired, Map<String, Observation> byName) {
        Map<String, Observation> found = new HashMap<>();
        for (String name : desired.dependsOn()) {
            Observation o = byName.get(name);
            if (o == null || o.state() != ResourceState.READY) {
                return null;
            }
            found.put(name, o);
        }
        return new Dependencies(found);
    }

    private static Cloud cloudOf(Action action) {
        return action.desired() != null ? action.desired().cloud() : action.observed().cloud();
    }
}
