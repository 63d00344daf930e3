package dev.overcast.functions.converge;

import dev.overcast.core.cloud.Cloud;
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
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One round of convergence of one cloud of a cluster, the step every flow loops over: observe every
 * kind (one batched list per kind per region), record the observations in the inventory, then start
 * every action whose dependencies are ready. Dependencies on other clouds are read from the
 * inventory their own rounds wrote; that is how a GCP peer gateway learns the AWS tunnel's outside
 * address, and why tunnels start as soon as both gateways exist and instances while gateways build.
 * The plan's DAG decides the order, not the machine. Verbs start work and return; the machine waits
 * and calls again until the round reports {@code settled}.
 *
 * <p>Modes: {@code create} and {@code reconcile} apply the whole diff (create missing, repair drift,
 * delete owned resources no longer planned); {@code destroy} deletes every owned resource it finds by
 * tag, dependants before what they depend on, and is settled when observe finds nothing owned.
 */
public final class ConvergeCloud extends Step<ConvergeCloud.Request, ConvergeCloud.Result> {
    /** Poll soon after starting work (a VPC takes seconds), slower while only long builds run. */
    static final int POLL_AFTER_ACTIONS = 15;
    static final int POLL_WHILE_BUILDING = 30;

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

    public ConvergeCloud(Store store, ClusterPlans plans, CloudAdapters adapters, InstantSource clock) {
        super(ConvergeCloud.Request.class, ConvergeCloud.Result.class);
        this.store = store;
        this.plans = plans;
        this.adapters = adapters;
        this.clock = clock;
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
        Round round = new Round(lease, cloud, adapter);
        List<Observation> observed;
        try {
            observed = observe(adapter, clusterId, regions(plan, cloud, inventory));
        } catch (RetryableCloudException e) {
            // One list of ten failing must not fail the flow: the round acts on nothing and the loop comes back.
            round.event("deferred", "observe: " + e.getMessage());
            store.progress().recordAll(round.events);
            int planned = (int) plan.resources().stream().filter(r -> r.cloud() == cloud).count();
            return round.result(planned, 0, 0, false);
        }
        record(lease, cloud, observed, inventory);

        Result result = mode == Mode.DESTROY
                ? round.destroy(plan, observed)
                : round.apply(plan, observed, otherClouds(clusterId, cloud, inventory));
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

    private static List<Observation> observe(CloudAdapter adapter, String clusterId, Set<String> regions) {
        List<Observation> observed = new ArrayList<>();
        for (ResourceKind kind : ResourceKind.values()) {
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

    /** Inventory of this cloud := what observe found; rows of resources that are gone are removed. */
    private void record(Lease lease, Cloud cloud, List<Observation> observed, List<InventoryEntry> inventory) {
        Instant now = clock.instant();
        Set<String> seen = new HashSet<>();
        List<InventoryEntry> rows = new ArrayList<>();
        for (Observation o : observed) {
            if (seen.add(o.name())) {
                rows.add(InventoryEntry.observed(lease.clusterId(), o, now));
            }
        }
        store.inventory().putAll(lease, rows);
        List<String> gone = inventory.stream().filter(e -> e.cloud() == cloud && !seen.contains(e.name()))
                .map(InventoryEntry::name).toList();
        if (!gone.isEmpty()) {
            store.inventory().removeAll(lease, gone);
        }
    }

    private static List<Observation> otherClouds(String clusterId, Cloud cloud, List<InventoryEntry> inventory) {
        return inventory.stream().filter(e -> e.cloud() != cloud)
                .map(e -> new Observation(e.name(), e.kind(), e.cloud(), e.region(), e.cloudId(), e.state(),
                        e.attributes(), OwnershipTags.of(e.cloud(), clusterId, e.name())))
                .toList();
    }

    /** The work of one round on one cloud, and the progress events it produced. */
    private final class Round {
        private final Lease lease;
        private final Cloud cloud;
        private final CloudAdapter adapter;
        private final List<ProgressEvent> events = new ArrayList<>();
        private int started;

        Round(Lease lease, Cloud cloud, CloudAdapter adapter) {
            this.lease = lease;
            this.cloud = cloud;
            this.adapter = adapter;
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
                            run(action, () -> adapter.client(action.desired().kind()).update(lease.clusterId(),
                                    action.desired(), action.observed(), dependencies));
                        }
                    }
                }
            }
            resumeCreating(plan, observed, byName, actions);
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
            return result(pending, ready, failed, settled);
        }

        /**
         * Calls create again for planned resources still CREATING: creates are idempotent, and a kind
         * built in stages finishes its next stage there (EC2 attaches a VGW only once it is available,
         * an Azure gateway takes its BGP addresses once the first build is done). Diff leaves such
         * resources alone, so without this they would wait forever. Not recorded as repairs.
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
            return result(observed.size(), 0, 0, observed.isEmpty());
        }

        private Result result(int pending, int ready, int failed, boolean settled) {
            int poll = settled ? 0 : started > 0 ? POLL_AFTER_ACTIONS : POLL_WHILE_BUILDING;
            return new Result(cloud.id(), pending, ready, failed, started, settled, poll);
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
                event(action.type().name().toLowerCase(java.util.Locale.ROOT), detail);
                return true;
            } catch (DependencyNotReadyException | RetryableCloudException e) {
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
