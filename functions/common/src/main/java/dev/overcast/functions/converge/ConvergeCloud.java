package dev.overcast.functions.converge;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.converge.Call;
import dev.overcast.core.converge.History;
import dev.overcast.core.converge.Mode;
import dev.overcast.core.converge.PollSchedule;
import dev.overcast.core.converge.RoundOutcome;
import dev.overcast.core.converge.RoundPlanner;
import dev.overcast.core.diff.ActionType;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.Inputs;
import dev.overcast.functions.LeaseRef;
import dev.overcast.functions.RequestRefused;
import dev.overcast.functions.Step;
import dev.overcast.functions.StepFailed;
import dev.overcast.functions.cluster.ClusterPlans;
import dev.overcast.functions.lock.AcquireLock;
import dev.overcast.functions.telemetry.EmbeddedMetrics;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.ProgressEvent;
import dev.overcast.store.Store;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One round of convergence of one cloud of a cluster, the step every flow loops over, and only its
 * I/O: renew the lease, read the plan and the inventory, observe (one batched list per kind per
 * region), record what was seen, make the calls core's {@link RoundPlanner} decides, record what they
 * did as each resource's {@link History} on its inventory row, and say when the next round is due
 * ({@link PollSchedule}). The machine waits and calls again until the round reports {@code settled}.
 */
public final class ConvergeCloud extends Step<ConvergeCloud.Request, ConvergeCloud.Result> {
    /** The progress status of a destroy round that found nothing and will look once more. */
    static final String CONFIRMING_EMPTY = "confirming";
    /** The progress status of drift in attributes the cloud fixed at creation, reported once per execution and resource. */
    public static final String CREATE_ONLY_DRIFT = "create-only-drift";
    private static final String CREATE_ONLY_NOTE = " differs from the plan and is fixed at creation: not repaired, not replaced";
    /** The progress status of a delete that started. */
    private static final String DELETED = ActionType.DELETE.name().toLowerCase(Locale.ROOT);

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
        Lease lease = store.locks().renew(request.lease().lease(LeasePurpose.valueOf(mode.name())), AcquireLock.TTL);
        Plan plan = plans.plan(lease.clusterId());
        Result result = new Round(lease, cloud, mode, adapter).run(plan);
        if (mode == Mode.RECONCILE && result.actionsStarted() > 0) {
            // What a reconcile starts is a repair: a resource missing or drifted from the plan.
            EmbeddedMetrics.put("Repairs", EmbeddedMetrics.Unit.COUNT, result.actionsStarted(), Map.of("cloud", cloud.id()));
        }
        return result;
    }

    /** One round on one cloud: what it read, and the progress events it produced. */
    private final class Round {
        private final Lease lease;
        private final Cloud cloud;
        private final Mode mode;
        private final CloudAdapter adapter;
        private final RoundInventory inventory;
        private final List<Observation> recorded;
        /** What this execution's rounds on the cloud logged: whether a destroy already deleted, or looked twice. */
        private final Set<String> statuses;
        /** The details this execution's rounds on the cloud logged, so a drift still there is not logged every round. */
        private final Set<String> details;
        private final RoundOutcome outcome;
        private final List<ProgressEvent> events = new ArrayList<>();
        private final String step;

        Round(Lease lease, Cloud cloud, Mode mode, CloudAdapter adapter) {
            this.lease = lease;
            this.cloud = cloud;
            this.mode = mode;
            this.adapter = adapter;
            this.step = "converge-" + cloud.id();
            this.inventory = new RoundInventory(store.inventory(), lease, cloud, mode);
            this.recorded = inventory.recorded();
            List<ProgressEvent> logged = store.progress().events(lease.owner()).stream().filter(e -> e.step().equals(step)).toList();
            this.statuses = logged.stream().map(ProgressEvent::status).collect(Collectors.toSet());
            this.details = logged.stream().map(ProgressEvent::detail).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
            this.outcome = new RoundOutcome(mode, lease.owner(), clock.instant(), inventory.histories());
        }

        Result run(Plan plan) {
            Set<ResourceKind> kinds = RoundPlanner.kindsToObserve(mode, plan, cloud, recorded);
            List<Observation> observed;
            try {
                observed = observe(plan, kinds);
            } catch (RetryableCloudException e) {
                // One list of ten failing must not fail the flow: the round acts on nothing and the loop comes back.
                event("deferred", "observe: " + e.getMessage(), clock.instant());
                store.progress().recordAll(events);
                int planned = (int) plan.resources().stream().filter(r -> r.cloud() == cloud).count();
                return new Result(cloud.id(), planned, 0, 0, 0, false, PollSchedule.AFTER_REFUSAL);
            }
            inventory.record(plan, observed, kinds, clock.instant());
            recorded.stream().filter(o -> o.cloud() == cloud && !kinds.contains(o.kind())).forEach(observed::add);
            RoundPlanner.Work work = mode == Mode.DESTROY ? RoundPlanner.destroy(plan, observed)
                    : RoundPlanner.apply(cloud, plan, observed, recorded.stream().filter(o -> o.cloud() != cloud).toList(),
                            adapter::createOnly);
            work.calls().forEach(call -> call(plan, call));
            work.createOnlyDrift().stream().map(drift -> drift + CREATE_ONLY_NOTE).filter(details::add)
                    .forEach(detail -> event(CREATE_ONLY_DRIFT, detail, clock.instant()));
            inventory.remember(plan, outcome);
            PollSchedule schedule = outcome.schedule(cloud, buildTimes, recorded);
            RoundPlanner.Verdict verdict = mode == Mode.DESTROY
                    ? RoundPlanner.destroyed(plan, observed, schedule, statuses.contains(CONFIRMING_EMPTY), statuses.contains(DELETED))
                    : RoundPlanner.applied(cloud, plan, observed, work, schedule);
            if (verdict.lookAgain()) {
                event(CONFIRMING_EMPTY, "nothing owned found; looking once more before calling it gone", clock.instant());
            }
            store.progress().recordAll(events);
            return new Result(cloud.id(), verdict.pending(), verdict.ready(), verdict.failed(), outcome.calls(),
                    verdict.settled(), verdict.nextPollSeconds());
        }

        private List<Observation> observe(Plan plan, Set<ResourceKind> kinds) {
            List<Observation> observed = new ArrayList<>();
            Set<String> regions = RoundPlanner.regions(plan, cloud, recorded);
            for (ResourceKind kind : kinds) {
                for (String region : regions) {
                    try {
                        observed.addAll(adapter.client(kind).observe(lease.clusterId(), region));
                    } catch (TerminalCloudException e) {
                        throw new StepFailed("observe " + kind + " in " + region + ": " + e.getMessage(), e);
                    }
                }
            }
            return observed;
        }

        /** Makes one call; retryable refusals wait for the next round, terminal ones fail the step. */
        private void call(Plan plan, Call call) {
            if (!outcome.due(call)) {
                return;
            }
            String detail = call.name() + " " + call.action().reasons();
            try {
                call.on(adapter.client(call.kind()), lease.clusterId());
                Instant at = clock.instant();
                outcome.started(call, at);
                event(call.type().name().toLowerCase(Locale.ROOT), detail, at, call);
            } catch (DependencyNotReadyException | RetryableCloudException e) {
                Instant at = clock.instant();
                outcome.refused(call, at, e instanceof DependencyNotReadyException, e instanceof DependencyNotReadyException d ? d.dependency() : null);
                event("deferred", detail + ": " + e.getMessage(), at, call);
            } catch (TerminalCloudException e) {
                event("failed", detail + ": " + e.getMessage(), clock.instant(), call);
                inventory.remember(plan, outcome);
                store.progress().recordAll(events);
                throw new StepFailed((call.resume() ? "resuming " : call.type() + " ") + call.name() + " on " + cloud
                        + ": " + e.getMessage(), e);
            }
        }

        /** A resume is not a repair: it is not logged. */
        private void event(String status, String detail, Instant at, Call call) {
            if (!call.resume()) {
                event(status, detail, at);
            }
        }

        private void event(String status, String detail, Instant at) {
            events.add(new ProgressEvent(lease.owner(), lease.clusterId(), step, status, at, detail));
        }
    }
}
