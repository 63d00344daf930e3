package dev.overcast.functions.converge;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.diff.Action;
import dev.overcast.core.diff.ActionType;
import dev.overcast.core.diff.Diff;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.Inputs;
import dev.overcast.functions.LeaseRef;
import dev.overcast.functions.RequestRefused;
import dev.overcast.functions.Step;
import dev.overcast.functions.StepFailed;
import dev.overcast.functions.cluster.ClusterPlans;
import dev.overcast.functions.lock.AcquireLock;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.ProgressEvent;
import dev.overcast.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One round of convergence of one cloud of a cluster, the step every flow loops over: observe (one
 * batched list per kind per region), record the observations in the inventory, then start every
 * action whose dependencies are ready, and say when the next round is due. Dependencies on other
 * clouds are read from the inventory their own rounds wrote; that is how a GCP peer gateway learns
 * the AWS tunnel's outside address, and why tunnels start as soon as both gateways exist and
 * instances while gateways build.
 * The plan's DAG decides the order, not the machine. Verbs start work and return; the machine waits
 * and calls again until the round reports {@code settled}.
 *
 * <p>Modes: {@code create} and {@code reconcile} apply the whole diff (create missing, repair drift,
 * delete owned resources no longer planned); {@code destroy} deletes every owned resource it finds by
 * tag, dependants before what they depend on, and is settled when observe finds nothing owned.
 *
 * <p>Cost: a create only observes the kinds that still have a resource on the way (the inventory's
 * READY rows stand in for the others: nothing but this flow touches them meanwhile), while reconcile
 * and destroy observe everything, drift being their point. The next round is due when the earliest
 * pending resource of this cloud should be ready ({@link BuildTimes}, counted from the create this
 * execution logged), soon when a resource just became ready that another cloud is waiting for.
 */
public final class ConvergeCloud extends Step<ConvergeCloud.Request, ConvergeCloud.Result> {
    /** Soonest next round: another cloud acts on what just became ready, a fresh resource hides from its first read. */
    static final int POLL_SOON = 5;
    /** After a refusal worth retrying (throttling, a dependency the cloud does not see yet). */
    static final int POLL_AFTER_REFUSAL = 15;
    /** Nothing of this cloud is due; only other clouds' builds can unblock it, and they poll for themselves. */
    static final int POLL_IDLE = 600;
    /** A resource on its way since before this execution. */
    static final int POLL_UNKNOWN_START = 30;
    /** A resource past its published figures is polled at a tenth of its age, within these bounds. */
    static final int POLL_LATE_MIN = 5;
    static final int POLL_LATE_MAX = 60;
    /** The progress status of a destroy round that found nothing and will look once more. */
    static final String CONFIRMING_EMPTY = "confirming";
    /** How a deferral caused by {@link DependencyNotReadyException} reads in the progress log (its message). */
    private static final String WAITING_FOR_DEPENDENCY = ": dependency ";

    public enum Mode { CREATE, RECONCILE, DESTROY }

    public record Request(String cloud, String mode, LeaseRef lease) {
    }

    /**
     * @param pending         planned resources not ready yet (create, reconcile) or owned ones still present (destroy)
     * @param actionsStarted  cloud calls that started work this round
     * @param settled         nothing left to do on this cloud
     * @param nextPollSeconds when the machine should call again, if not settled
     */
    public record Result(String cloud, int pending, int ready, int failed, int actionsStarted, boolean settled,
                         int nextPollSeconds) {
    }

    private final Store store;
    private final ClusterPlans plans;
    private final CloudAdapters adapters;
    private final InstantSource clock;
    private final BuildTimes buildTimes;

    public ConvergeCloud(Store store, ClusterPlans plans, CloudAdapters adapters, InstantSource clock, BuildTimes buildTimes) {
        super(ConvergeCloud.Request.class, ConvergeCloud.Result.class);
        this.store = store;
        this.plans = plans;
        this.adapters = adapters;
        this.clock = clock;
        this.buildTimes = buildTimes;
    }

    @Override
    public Result apply(Request request) {
        if (request.lease() == null) {
            throw new RequestRefused("lease: required");
        }
        Cloud cloud = Inputs.cloud("cloud", request.cloud());
        Mode mode = Inputs.oneOf("mode", request.mode(), Mode.class);
        CloudAdapter adapter = adapters.adapter(cloud);
        Lease lease = store.locks().renew(request.lease().lease(purpose(mode)), AcquireLock.TTL);
        String clusterId = lease.clusterId();
        Plan plan = plans.plan(clusterId);

        List<InventoryEntry> inventory = store.inventory().list(clusterId);
        Set<ResourceKind> kinds = mode == Mode.CREATE ? unsettledKinds(plan, cloud, inventory) : EnumSet.allOf(ResourceKind.class);
        Round round = new Round(lease, cloud, adapter, inventory, history(lease, cloud, mode));
        List<Observation> observed;
        try {
            observed = new ArrayList<>(observe(adapter, clusterId, regions(plan, cloud, inventory), kinds));
        } catch (RetryableCloudException e) {
            // One list of ten failing must not fail the flow: the round acts on nothing and the loop comes back.
            round.event("deferred", "observe: " + e.getMessage());
            store.progress().recordAll(round.events);
            int planned = (int) plan.resources().stream().filter(r -> r.cloud() == cloud).count();
            return round.result(planned, 0, 0, false, POLL_AFTER_REFUSAL);
        }
        record(lease, cloud, observed, kinds, inventory);
        observed.addAll(asObservations(clusterId, inventory.stream().filter(e -> e.cloud() == cloud && !kinds.contains(e.kind()))));

        Result result = mode == Mode.DESTROY
                ? round.destroy(plan, observed)
                : round.apply(plan, observed, asObservations(clusterId, inventory.stream().filter(e -> e.cloud() != cloud)));
        store.progress().recordAll(round.events);
        return result;
    }

    private static LeasePurpose purpose(Mode mode) {
        return switch (mode) {
            case CREATE -> LeasePurpose.CREATE;
            case RECONCILE -> LeasePurpose.RECONCILE;
            case DESTROY -> LeasePurpose.DESTROY;
        };
    }

    /** The planned region and any other region the inventory remembers this cloud in (a plan may move). */
    private static Set<String> regions(Plan plan, Cloud cloud, List<InventoryEntry> inventory) {
        Set<String> regions = new TreeSet<>();
        if (plan.regions().regions().containsKey(cloud)) {
            regions.add(plan.regions().region(cloud).name());
        }
        inventory.stream().filter(e -> e.cloud() == cloud && e.region() != null).forEach(e -> regions.add(e.region()));
        return regions;
    }

    /**
     * The kinds a create round must observe on this cloud: those with a planned resource not READY in
     * the inventory, or with a row the plan does not know.
     */
    private static Set<ResourceKind> unsettledKinds(Plan plan, Cloud cloud, List<InventoryEntry> inventory) {
        Map<String, InventoryEntry> rows = new HashMap<>();
        inventory.stream().filter(e -> e.cloud() == cloud).forEach(e -> rows.put(e.name(), e));
        Map<String, Resource> planned = plan.byName();
        Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
        planned.values().stream().filter(r -> r.cloud() == cloud)
                .filter(r -> rows.get(r.name()) == null || rows.get(r.name()).state() != ResourceState.READY)
                .forEach(r -> kinds.add(r.kind()));
        rows.values().stream().filter(e -> !planned.containsKey(e.name()) || e.state() != ResourceState.READY)
                .forEach(e -> kinds.add(e.kind()));
        return kinds;
    }

    /**
     * What this execution's rounds on the cloud logged, by resource: when it first started creating (or
     * updating) each one, or latest started deleting it (destroy); when it first tried at all (a create
     * that made its call but could not read the result back defers, yet builds); and since when it
     * waits for a dependency the cloud named. Expected ends count from there.
     */
    private record History(Map<String, Instant> started, Map<String, Instant> firstTried, Map<String, Instant> waitingSince,
                           Set<String> statuses) {
    }

    private History history(Lease lease, Cloud cloud, Mode mode) {
        String step = "converge-" + cloud.id();
        History history = new History(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashSet<>());
        boolean destroy = mode == Mode.DESTROY;
        for (ProgressEvent e : store.progress().events(lease.owner())) {
            if (!e.step().equals(step) || e.detail() == null) {
                continue;
            }
            history.statuses().add(e.status());
            String name = e.detail().split(" ", 2)[0];
            switch (e.status()) {
                case "delete" -> {
                    if (destroy) {
                        history.started().put(name, e.at());
                    }
                }
                case "create", "update" -> {
                    if (!destroy) {
                        history.started().putIfAbsent(name, e.at());
                        history.firstTried().putIfAbsent(name, e.at());
                    }
                }
                case "deferred" -> {
                    history.firstTried().putIfAbsent(name, e.at());
                    if (e.detail().contains(WAITING_FOR_DEPENDENCY)) {
                        history.waitingSince().putIfAbsent(name, e.at());
                    }
                }
                default -> {
                }
            }
        }
        return history;
    }

    private static List<Observation> observe(CloudAdapter adapter, String clusterId, Set<String> regions, Set<ResourceKind> kinds) {
        List<Observation> observed = new ArrayList<>();
        for (ResourceKind kind : kinds) {
            for (String region : regions) {
                try {
                    observed.addAll(adapter.client(kind).observe(clusterId, region));
                } catch (TerminalCloudException e) {
                    throw new StepFailed("observe " + kind + " in " + region + ": " + e.getMessage(), e);
                }
            }
        }
        return observed;
    }

    /** Inventory of this cloud's observed kinds := what observe found; rows of resources that are gone are removed. */
    private void record(Lease lease, Cloud cloud, List<Observation> observed, Set<ResourceKind> kinds, List<InventoryEntry> inventory) {
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        List<InventoryEntry> rows = new ArrayList<>();
        for (Observation o : observed) {
            if (seen.add(o.name())) {
                rows.add(InventoryEntry.observed(lease.clusterId(), o, now));
            }
        }
        store.inventory().putAll(lease, rows);
        List<String> gone = inventory.stream()
                .filter(e -> e.cloud() == cloud && kinds.contains(e.kind()) && !seen.contains(e.name()))
                .map(InventoryEntry::name).toList();
        if (!gone.isEmpty()) {
            store.inventory().removeAll(lease, gone);
        }
    }

    /** Inventory rows as the observations they were made from. */
    private static List<Observation> asObservations(String clusterId, Stream<InventoryEntry> rows) {
        return rows.map(e -> new Observation(e.name(), e.kind(), e.cloud(), e.region(), e.cloudId(), e.state(),
                        e.attributes(), OwnershipTags.of(e.cloud(), clusterId, e.name())))
                .toList();
    }

    /** The work of one round on one cloud, and the progress events it produced. */
    private final class Round {
        private final Lease lease;
        private final Cloud cloud;
        private final CloudAdapter adapter;
        private final Map<String, InventoryEntry> before = new HashMap<>();
        private final Map<String, Instant> startedAt;
        private final Map<String, Instant> firstTried;
        private final Map<String, Instant> waitingSince;
        /** Resources refused this round, with the dependency the cloud named, if it named one. */
        private final Map<String, String> refused = new HashMap<>();
        private final List<ProgressEvent> events = new ArrayList<>();
        /** An earlier destroy round of this execution found nothing of the cluster on this cloud. */
        private final boolean confirmingEmpty;
        /** What this round updated, as it was before: the next round must look at it again. */
        private final List<Observation> updated = new ArrayList<>();
        private final Instant now = clock.instant();
        private int started;

        /**
         * @param inventory what the rounds before this one recorded, to tell what changed
         * @param history what this execution's earlier rounds on the cloud logged
         */
        Round(Lease lease, Cloud cloud, CloudAdapter adapter, List<InventoryEntry> inventory, History history) {
            this.lease = lease;
            this.cloud = cloud;
            this.adapter = adapter;
            this.startedAt = new HashMap<>(history.started());
            this.firstTried = history.firstTried();
            this.waitingSince = history.waitingSince();
            this.confirmingEmpty = history.statuses().contains(CONFIRMING_EMPTY);
            inventory.forEach(e -> before.put(e.name(), e));
        }

        Result apply(Plan plan, List<Observation> observed, List<Observation> elsewhere) {
            List<Observation> all = new ArrayList<>(observed);
            all.addAll(elsewhere);
            Map<String, Observation> byName = new HashMap<>();
            all.stream().sorted(Comparator.comparing((Observation o) -> o.state() == ResourceState.READY))
                    .forEach(o -> byName.put(o.name(), o));
            Map<String, Resource> planned = plan.byName();
            List<Action> actions = Diff.between(plan, all).stream().filter(a -> cloudOf(a) == cloud).toList();
            Set<String> deletedNow = new HashSet<>();
            for (Action action : actions) {
                switch (action.type()) {
                    case DELETE -> {
                        if (run(action, () -> adapter.client(action.observed().kind()).delete(action.observed()))) {
                            deletedNow.add(action.name());
                        }
                    }
                    case CREATE -> {
                        Dependencies dependencies = readyDependencies(action.desired(), byName);
                        if (dependencies != null && !deletedNow.contains(action.name())) {
                            run(action, () -> adapter.client(action.desired().kind()).create(lease.clusterId(),
                                    action.desired(), dependencies));
                        }
                    }
                    case UPDATE -> {
                        Dependencies dependencies = readyDependencies(action.desired(), byName);
                        if (dependencies != null) {
                            if (run(action, () -> adapter.client(action.desired().kind()).update(lease.clusterId(),
                                    action.desired(), action.observed(), dependencies))) {
                                updated.add(action.observed().withState(ResourceState.UPDATING));
                            }
                        }
                    }
                }
            }
            resumeCreating(plan, observed, byName, actions);
            // A create round reads READY kinds from the inventory, not the cloud: left READY with the drift
            // it had, an updated resource would be updated again every round. Marked updating, its kind is
            // observed again, so the next round sees what the update did.
            store.inventory().putAll(lease, updated.stream().map(o -> InventoryEntry.observed(lease.clusterId(), o, now)).toList());
            int ready = 0;
            int failed = 0;
            int total = 0;
            for (Resource r : planned.values()) {
                if (r.cloud() != cloud) {
                    continue;
                }
                total++;
                Observation o = observed.stream().filter(x -> x.name().equals(r.name())).findFirst().orElse(null);
                if (o != null && o.state() == ResourceState.READY) {
                    ready++;
                } else if (o != null && o.state() == ResourceState.FAILED) {
                    failed++;
                }
            }
            int orphans = (int) observed.stream().filter(o -> !planned.containsKey(o.name())).count();
            int pending = total - ready + orphans;
            boolean settled = pending == 0 && actions.isEmpty();
            return result(pending, ready, failed, settled, settled ? 0 : nextBuildPoll(plan, observed));
        }

        /**
         * Seconds until the next round is due: the earliest expected end of a build stage (or delete) of
         * this cloud's pending resources; soon when another cloud waits on a resource that just became
         * ready, since that cloud's round this time may have read the inventory before this one wrote it.
         */
        private int nextBuildPoll(Plan plan, List<Observation> observed) {
            Map<String, Observation> seen = new HashMap<>();
            observed.forEach(o -> seen.put(o.name(), o));
            List<Instant> due = new ArrayList<>();
            for (Resource r : plan.resources()) {
                Observation o = seen.get(r.name());
                if (r.cloud() != cloud || (o != null && o.state() == ResourceState.READY)) {
                    continue;
                }
                Instant start = startedAt.get(r.name());
                if (o == null && start != null && !refused.containsKey(r.name())) {
                    // Started but not listed: a fresh resource hidden from its first read.
                    due.add(now.plus(Duration.ofSeconds(POLL_SOON)));
                } else if (o != null) {
                    Instant from = start != null ? start : firstTried.get(r.name());
                    due.add(from == null ? unknownStart() : buildTimes.nextStageEnd(cloud, r.kind(), from, now).orElseGet(() -> late(from)));
                }
            }
            Map<String, Resource> planned = plan.byName();
            observed.stream().filter(o -> !planned.containsKey(o.name())).forEach(o -> due.add(deleteDue(o)));
            due.addAll(refusalsDue(planned));
            if (unblocksAnotherCloud(plan, seen)) {
                due.add(now.plus(Duration.ofSeconds(POLL_SOON)));
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
                    buildTimes.update(cloud, d.kind()).ifPresent(figure -> {
                        Instant since = waitingSince.getOrDefault(name, now);
                        Instant end = since.plus(figure).isAfter(now) ? since.plus(figure) : late(since);
                        byDependency.merge(d.name(), end, (x, y) -> x.isBefore(y) ? x : y);
                    });
                }
            });
            refused.forEach((name, dependency) -> {
                Resource r = planned.get(name);
                Collection<String> on = dependency != null ? List.of(dependency) : r == null ? List.of() : r.dependsOn();
                due.add(on.stream().map(byDependency::get).filter(Objects::nonNull).min(Comparator.naturalOrder())
                        .orElseGet(() -> now.plus(Duration.ofSeconds(POLL_AFTER_REFUSAL))));
            });
            return due;
        }

        private Instant deleteDue(Observation o) {
            Instant start = startedAt.get(o.name());
            return start == null ? unknownStart() : buildTimes.deleted(cloud, o.kind(), start, now).orElseGet(() -> late(start));
        }

        /** Started before this execution (a crash, another flow): no figure to count from. */
        private Instant unknownStart() {
            return now.plus(Duration.ofSeconds(POLL_UNKNOWN_START));
        }

        /** When to look at a resource that outlived its figures: a tenth of its age from now, within bounds. */
        private Instant late(Instant since) {
            long tenth = Duration.between(since, now).toSeconds() / 10;
            return now.plus(Duration.ofSeconds(Math.max(POLL_LATE_MIN, Math.min(POLL_LATE_MAX, tenth))));
        }

        private int secondsUntil(List<Instant> due) {
            return due.stream().min(Comparator.naturalOrder())
                    .map(at -> (int) Math.max(POLL_SOON, Duration.between(now, at).toSeconds()))
                    .orElse(POLL_IDLE);
        }

        /**
         * Calls create again for planned resources still CREATING: creates are idempotent, and a kind
         * built in stages finishes its next stage there (EC2 attaches a VGW only once it is available).
         * Diff leaves such resources alone, so without this they would wait forever. Not recorded as repairs.
         */
        private void resumeCreating(Plan plan, List<Observation> observed, Map<String, Observation> byName, List<Action> actions) {
            Set<String> acted = new HashSet<>();
            actions.forEach(a -> acted.add(a.name()));
            Map<String, Resource> planned = plan.byName();
            for (Observation o : observed) {
                Resource desired = planned.get(o.name());
                if (o.state() != ResourceState.CREATING || desired == null || acted.contains(o.name())) {
                    continue;
                }
                Dependencies dependencies = readyDependencies(desired, byName);
                if (dependencies == null) {
                    continue;
                }
                try {
                    adapter.client(desired.kind()).create(lease.clusterId(), desired, dependencies);
                } catch (DependencyNotReadyException | RetryableCloudException e) {
                    // Still building; the next round asks again.
                } catch (TerminalCloudException e) {
                    throw new StepFailed("resuming " + desired.name() + " on " + cloud + ": " + e.getMessage(), e);
                }
            }
        }

        Result destroy(Plan plan, List<Observation> observed) {
            Set<String> present = new HashSet<>();
            observed.forEach(o -> present.add(o.name()));
            Map<String, Set<String>> dependants = new HashMap<>();
            for (Resource r : plan.resources()) {
                r.dependsOn().forEach(d -> dependants.computeIfAbsent(d, k -> new HashSet<>()).add(r.name()));
            }
            observed.stream()
                    .filter(o -> o.state() != ResourceState.DELETING)
                    .filter(o -> dependants.getOrDefault(o.name(), Set.of()).stream().noneMatch(present::contains))
                    .sorted(Comparator.comparing(Observation::kind, Comparator.reverseOrder()).thenComparing(Observation::name))
                    .forEach(o -> run(new Action(ActionType.DELETE, o.name(), null, o, List.of("destroy")),
                            () -> adapter.client(o.kind()).delete(o)));
            // Nothing found, and nothing deleted yet by this execution (startedAt holds its deletes): EC2 leaves
            // a fresh resource out of the first describe, so one made by the last call of a flow this destroy
            // took over from (delete during create) could hide from this round. Look once more.
            if (observed.isEmpty() && !confirmingEmpty && startedAt.isEmpty()) {
                event(CONFIRMING_EMPTY, "nothing owned found; looking once more before calling it gone");
                return result(0, 0, 0, false, POLL_SOON);
            }
            return result(observed.size(), 0, 0, observed.isEmpty(), observed.isEmpty() ? 0 : nextDeletePoll(plan, observed));
        }

        /**
         * Seconds until the next destroy round: the earliest expected end of a delete; soon when a
         * resource that depended on another cloud's is gone, since that one may be deleted now.
         */
        private int nextDeletePoll(Plan plan, List<Observation> observed) {
            List<Instant> due = new ArrayList<>();
            observed.stream().filter(o -> o.state() == ResourceState.DELETING || startedAt.containsKey(o.name()))
                    .forEach(o -> due.add(deleteDue(o)));
            Set<String> present = new HashSet<>();
            observed.forEach(o -> present.add(o.name()));
            Map<String, Resource> planned = plan.byName();
            boolean unblocks = before.values().stream()
                    .filter(e -> e.cloud() == cloud && !present.contains(e.name()) && planned.containsKey(e.name()))
                    .flatMap(e -> planned.get(e.name()).dependsOn().stream())
                    .map(planned::get)
                    .anyMatch(d -> d != null && d.cloud() != cloud);
            if (unblocks) {
                due.add(now.plus(Duration.ofSeconds(POLL_SOON)));
            }
            if (!refused.isEmpty()) {
                due.add(now.plus(Duration.ofSeconds(POLL_AFTER_REFUSAL)));
            }
            return secondsUntil(due);
        }

        private Result result(int pending, int ready, int failed, boolean settled, int nextPollSeconds) {
            return new Result(cloud.id(), pending, ready, failed, started, settled, nextPollSeconds);
        }

        /**
         * Dependencies of a resource as observed, or null while one is missing or not ready: that
         * resource waits for a later round instead of making a call bound to fail.
         */
        private Dependencies readyDependencies(Resource desired, Map<String, Observation> byName) {
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

        /** Runs one cloud call; retryable refusals wait for the next round, terminal ones fail the step. */
        private boolean run(Action action, Runnable call) {
            String detail = action.name() + " " + action.reasons();
            try {
                call.run();
                started++;
                if (action.type() == ActionType.DELETE) {
                    startedAt.put(action.name(), now);
                } else {
                    startedAt.putIfAbsent(action.name(), now);
                }
                event(action.type().name().toLowerCase(java.util.Locale.ROOT), detail);
                return true;
            } catch (DependencyNotReadyException e) {
                refused.put(action.name(), e.dependency());
                event("deferred", detail + ": " + e.getMessage());
                return false;
            } catch (RetryableCloudException e) {
                refused.put(action.name(), null);
                event("deferred", detail + ": " + e.getMessage());
                return false;
            } catch (TerminalCloudException e) {
                event("failed", detail + ": " + e.getMessage());
                store.progress().recordAll(events);
                events.clear();
                throw new StepFailed(action.type() + " " + action.name() + " on " + cloud + ": " + e.getMessage(), e);
            }
        }

        private void event(String status, String detail) {
            events.add(new ProgressEvent(lease.owner(), lease.clusterId(), "converge-" + cloud.id(), status,
                    clock.instant(), detail));
        }
    }

    private static Cloud cloudOf(Action action) {
        return action.desired() != null ? action.desired().cloud() : action.observed().cloud();
    }
}
