package dev.overcast.cloudsim.world;

import dev.overcast.cloudsim.CloudSimConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The simulated world every front serves: resources keyed by front/account/region/id, the virtual clock,
 * durations, quotas, eventual consistency, throttling, injected faults and the call log.
 * <p>
 * Eventual consistency is a window of virtual time ({@link ReadLag}, per front): a fresh resource is left
 * out of describes and lists of its type until that long after its create, however often it is read;
 * calls that change or name it see it at once. On a frozen clock the window passes only when someone
 * advances it, as a flow's waits and {@link #settle} do.
 * <p>
 * One lock guards all resources: fronts run a whole action under {@link #atomically}, so an action sees
 * and changes the world as one step, as a cloud's control plane does for a single API call.
 */
public final class World {

    private final VirtualClock clock;
    private final Durations durations;
    private final Quotas quotas;
    private final Throttle.Limits throttleLimits;
    private volatile Throttle throttle;
    private volatile LatencyModel latency;
    private final Map<String, java.util.concurrent.atomic.LongAdder> throttled = new java.util.concurrent.ConcurrentHashMap<>();
    private final boolean throttling;
    private final ReadLag readLag;
    private final Set<String> accounts;
    private final Faults faults = new Faults();
    private final CallLog calls = new CallLog();
    private final Iam iam = new Iam();
    private final Random ids;
    private final ReentrantLock lock = new ReentrantLock();
    private final ResourceIndex resources = new ResourceIndex();
    private final Set<String> publicAddresses = new HashSet<>();

    public World(CloudSimConfig config) {
        this.clock = config.clock() instanceof VirtualClock given ? given
                : new VirtualClock(config.clock() == null ? Clock.systemUTC() : config.clock());
        this.durations = config.durations();
        this.quotas = config.quotas();
        this.throttleLimits = config.throttleLimits();
        this.throttle = new Throttle(throttleLimits);
        this.throttling = config.throttling();
        this.readLag = config.readLag();
        this.accounts = config.accounts();
        this.ids = new Random(config.seed());
    }

    public VirtualClock clock() {
        return clock;
    }

    public Durations durations() {
        return durations;
    }

    public Faults faults() {
        return faults;
    }

    public CallLog calls() {
        return calls;
    }

    public Iam iam() {
        return iam;
    }

    public Quotas quotas() {
        return quotas;
    }

    /** Whether the account exists: any does, unless the run fixed a set. */
    public boolean knowsAccount(String account) {
        return accounts.isEmpty() || accounts.contains(account);
    }

    /**
     * Takes a request token (always granted when throttling is off), then spends the call's latency
     * when a {@link LatencyModel} is in force.
     */
    public boolean admit(String front, String account, String region, String bucket) {
        boolean admitted = !throttling || throttle.admit(front, account, region, bucket);
        if (!admitted) {
            throttled.computeIfAbsent(front, f -> new java.util.concurrent.atomic.LongAdder()).increment();
        }
        LatencyModel model = latency;
        if (model != null) {
            model.spend(front, bucket);
        }
        return admitted;
    }

    /** Requests answered with the front's throttling error so far, by front. */
    public Map<String, Long> throttledCalls() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        throttled.forEach((front, n) -> counts.put(front, n.sum()));
        return counts;
    }

    /** Puts a latency model in force; from then on the token buckets refill on the virtual clock. */
    public void useLatency(LatencyModel model) {
        this.throttle = new Throttle(throttleLimits, () -> LatencyModel.nanos(clock));
        this.latency = model;
    }

    public <T> T atomically(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** A fresh id such as {@code vpc-0a1b2c3d4e5f67890}: the prefix, a dash and 17 hex digits. */
    public String newId(String prefix) {
        return atomically(() -> {
            StringBuilder id = new StringBuilder(prefix).append("-0");
            for (int i = 0; i < 16; i++) {
                id.append(Character.forDigit(ids.nextInt(16), 16));
            }
            return id.toString();
        });
    }

    /** A seeded random number in [0, bound), for values a cloud picks (tunnel addresses, keys). */
    public int randomBelow(int bound) {
        return atomically(() -> ids.nextInt(bound));
    }

    /** A public IPv4 address not handed out before in this world, e.g. {@code 3.91.12.7} for first octet 3. */
    public String newPublicAddress(int firstOctet) {
        return atomically(() -> {
            String address;
            do {
                address = firstOctet + "." + ids.nextInt(256) + "." + ids.nextInt(256) + "." + (1 + ids.nextInt(254));
            } while (!publicAddresses.add(address));
            return address;
        });
    }

    /**
     * Creates a resource in {@code pendingState} that reaches {@code readyState} after the duration of
     * {@code <type>.create}; fails with the quota's code when the account's region is full.
     */
    public SimResource create(String front, String account, String region, String type, String id,
                              String pendingState, String readyState) {
        return create(front, account, region, type, id, pendingState, readyState, readLag.of(front));
    }

    /**
     * As {@link #create}, for a cloud whose reads see a resource as soon as the call that made it returned
     * (Compute Engine's lists and gets are strongly consistent): never hidden from reads.
     */
    public SimResource createConsistent(String front, String account, String region, String type, String id,
                                        String pendingState, String readyState) {
        return create(front, account, region, type, id, pendingState, readyState, Duration.ZERO);
    }

    private SimResource create(String front, String account, String region, String type, String id,
                               String pendingState, String readyState, Duration hiddenFor) {
        return atomically(() -> {
            quotas.of(front, type).ifPresent(quota -> {
                if (live(front, account, region, type).size() >= quota.limit()) {
                    throw new CloudError(quota.errorCode(), "The maximum number of " + type + " resources (" + quota.limit()
                            + ") has been reached in " + region + ".");
                }
            });
            Instant now = clock.now();
            Instant readyAt = now.plus(durations.of(front, type + ".create"));
            SimResource resource = new SimResource(new ResourceKey(front, account, region, type, id),
                    now, pendingState, readyAt, readyState, now.plus(hiddenFor));
            resources.put(resource);
            return resource;
        });
    }

    /** The resource with this id, even if not yet visible to reads or already being deleted. */
    public Optional<SimResource> find(String front, String account, String region, String id) {
        return atomically(() -> {
            resources.purgeAccount(front, account, clock.now());
            return Optional.ofNullable(resources.get(front, account, region, id));
        });
    }

    /**
     * What a describe/list call sees of one type, in creation order: resources being deleted are
     * included (until purged), fresh ones may be hidden by eventual consistency.
     */
    public List<SimResource> describe(String front, String account, String region, String type) {
        return atomically(() -> {
            Instant now = clock.now();
            resources.purgeAccount(front, account, now);
            List<SimResource> seen = new ArrayList<>();
            for (SimResource r : resources.inAccount(front, account)) {
                if (r.key().region().equals(region) && r.type().equals(type) && r.visibleToReadsAt(now)) {
                    seen.add(r);
                }
            }
            return seen;
        });
    }

    /** The live resources of one type as the control plane knows them: no eventual consistency, nothing being deleted. */
    public List<SimResource> live(String front, String account, String region, String type) {
        return atomically(() -> resources.inAccount(front, account).stream()
                .filter(r -> !r.retired() && r.key().region().equals(region) && r.type().equals(type))
                .toList());
    }

    /**
     * Every resource of a type on every front and account, in creation order, for watchers that span
     * clouds (the Kubernetes simulation watches instances). Read them inside {@link #atomically}.
     */
    public List<SimResource> everywhere(String type) {
        return atomically(() -> {
            resources.purgeType(type, clock.now());
            return List.copyOf(resources.ofType(type));
        });
    }

    /**
     * Resources that depend on this one and block its deletion, in any region of the account: live ones,
     * and retired ones until their deletion completes (EC2 refuses to delete a subnet with
     * {@code DependencyViolation} while an instance in it is shutting-down). A dependency may live
     * elsewhere (Compute's regional subnetworks depend on a global network), so ids that dependencies
     * name must be unique in the account.
     */
    public List<SimResource> dependents(SimResource resource) {
        return atomically(() -> resources.inAccount(resource.key().front(), resource.key().account()).stream()
                .filter(r -> r.holdsDependencies(clock.now()) && r.dependsOn().contains(resource.id()))
                .toList());
    }

    /**
     * Moves a live resource through {@code transitionalState} to {@code finalState}, taking
     * {@code <type>.<operation>} on the virtual clock (an instance stopping, a gateway detaching).
     */
    public void transition(SimResource resource, String operation, String transitionalState, String finalState) {
        atomically(() -> {
            Instant now = clock.now();
            resource.move(now, transitionalState, now.plus(durations.of(resource.key().front(), resource.type() + "." + operation)), finalState);
            return null;
        });
    }

    /** Deletes at once (VPCs, subnets, rules); fails with DependencyViolation while others depend on it. */
    public void delete(SimResource resource) {
        atomically(() -> {
            requireNoDependents(resource);
            ResourceKey key = resource.key();
            resources.remove(key.front(), key.account(), key.region(), key.id());
            return null;
        });
    }

    /**
     * Starts a deletion that takes {@code <type>.delete} on the virtual clock: {@code deletingState}, then
     * {@code finalState}, still listed by describe for {@code retired.visible}, as EC2 keeps terminated
     * instances and deleted VPN connections visible for a while.
     */
    public void retire(SimResource resource, String deletingState, String finalState) {
        retire(resource, deletingState, finalState, false);
    }

    /**
     * As {@link #retire}, for a deletion the cloud orders after its dependents' own (ARM deleting a virtual
     * group, a VM taking its disk along): dependents already being deleted do not block it, and it completes
     * no earlier than the last of them.
     */
    public void retireAfterDependents(SimResource resource, String deletingState, String finalState) {
        retire(resource, deletingState, finalState, true);
    }

    private void retire(SimResource resource, String deletingState, String finalState, boolean afterDependents) {
        atomically(() -> {
            if (resource.retired()) {
                return null;
            }
            List<SimResource> dependents = dependents(resource);
            requireNone(resource, afterDependents ? dependents.stream().filter(r -> !r.retired()).toList() : dependents);
            startDeletion(resource, deletingState, finalState, dependents);
            return null;
        });
    }

    /**
     * Retires a set of resources as one deletion that orders itself (a container deleting everything in
     * it): dependents inside the set never block, a live dependent outside it refuses the whole set.
     */
    public void retireTogether(List<SimResource> together, String deletingState, String finalState) {
        atomically(() -> {
            Set<String> ids = together.stream().map(SimResource::id).collect(Collectors.toSet());
            for (SimResource resource : together) {
                List<SimResource> outside = dependents(resource).stream().filter(d -> !ids.contains(d.id())).toList();
                if (!outside.isEmpty()) {
                    throw new CloudError(CloudError.DEPENDENCY_VIOLATION, "The " + resource.type() + " '" + resource.id()
                            + "' is used from outside what is being deleted: "
                            + outside.stream().map(SimResource::id).collect(Collectors.joining(", ")) + ".");
                }
            }
            together.stream().filter(r -> !r.retired()).forEach(r -> startDeletion(r, deletingState, finalState, List.of()));
            return null;
        });
    }

    /** Starts a deletion that ends after its own figure and after every deletion in {@code after}. */
    private void startDeletion(SimResource resource, String deletingState, String finalState, List<SimResource> after) {
        String front = resource.key().front();
        Instant now = clock.now();
        Instant goneAt = now.plus(durations.of(front, resource.type() + ".delete"));
        for (SimResource dependent : after) {
            goneAt = dependent.goneAt().isAfter(goneAt) ? dependent.goneAt() : goneAt;
        }
        resource.retire(now, deletingState, goneAt, finalState, goneAt.plus(durations.of(front, "retired.visible")));
    }

    private void requireNoDependents(SimResource resource) {
        requireNone(resource, dependents(resource));
    }

    private static void requireNone(SimResource resource, List<SimResource> blocking) {
        if (!blocking.isEmpty()) {
            throw new CloudError(CloudError.DEPENDENCY_VIOLATION, "The " + resource.type() + " '" + resource.id()
                    + "' has dependencies and cannot be deleted: "
                    + blocking.stream().map(SimResource::id).collect(Collectors.joining(", ")) + ".");
        }
    }

    /** Removes a resource as someone in the console might: no dependency check, no delay. */
    public boolean deleteByHand(String front, String account, String region, String id) {
        return atomically(() -> {
            resources.purgeAccount(front, account, clock.now());
            return resources.remove(front, account, region, id);
        });
    }

    /** Changes a resource as someone in the console might (a tag, a rule); false when it does not exist. */
    public boolean alterByHand(String front, String account, String region, String id, Consumer<SimResource> change) {
        return atomically(() -> {
            resources.purgeAccount(front, account, clock.now());
            SimResource resource = resources.get(front, account, region, id);
            if (resource == null) {
                return false;
            }
            change.accept(resource);
            return true;
        });
    }

    /** Live (not being deleted) resources of an account on a front, in every region, in creation order. */
    public List<ResourceView> resources(String front, String account) {
        return atomically(() -> {
            Instant now = clock.now();
            resources.purgeAccount(front, account, now);
            return resources.inAccount(front, account).stream()
                    .filter(r -> !r.retired())
                    .map(r -> r.view(now))
                    .toList();
        });
    }

    /**
     * A copy of a live resource under another account and id, ready at once, with its tags, attributes and
     * dependencies passed through {@code rewrite} (which renames what names the original): a bench seeds
     * thousands of clusters from one built by the flows, without playing each create.
     */
    public SimResource copy(SimResource original, String account, String id, java.util.function.UnaryOperator<Object> rewrite) {
        return atomically(() -> {
            ResourceKey key = original.key();
            Instant now = clock.now();
            String state = original.state(now);
            SimResource copy = new SimResource(new ResourceKey(key.front(), account, key.region(), key.type(), id), now, state, now, state, now);
            original.tags().forEach((k, v) -> copy.tags().put(k, (String) rewrite.apply(v)));
            original.attributes().forEach((k, v) -> copy.attributes().put(k, rewrite.apply(v)));
            original.dependsOn().forEach(d -> copy.dependsOn().add((String) rewrite.apply(d)));
            resources.put(copy);
            return copy;
        });
    }

    public Snapshot snapshot(String front, String account) {
        Map<String, ResourceView> byId = new LinkedHashMap<>();
        resources(front, account).forEach(view -> byId.put(view.id(), view));
        return new Snapshot(front, account, byId);
    }

    /** Moves the virtual clock: pending resources become available, deletions complete. */
    public void advance(Duration by) {
        clock.advance(by);
    }

    /**
     * Lets time pass for one account as the seconds a real flow waits between retries would: moves the
     * clock by {@code by}, and at least by the front's read lag, so what was written is then listed.
     */
    public void settle(String front, String account, Duration by) {
        Duration lag = readLag.of(front);
        advance(by.compareTo(lag) < 0 ? lag : by);
    }
}
