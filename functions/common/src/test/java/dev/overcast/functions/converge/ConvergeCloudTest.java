package dev.overcast.functions.converge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.converge.History;
import dev.overcast.core.converge.PollSchedule;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.LeaseRef;
import dev.overcast.functions.RequestRefused;
import dev.overcast.functions.StepFailed;
import dev.overcast.functions.cluster.ClusterPlans;
import dev.overcast.store.DynamoDbLocalExtension;
import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.LeasePurpose;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The I/O {@link ConvergeCloud} keeps, on DynamoDB Local and a fake cloud: the lease it needs, what
 * it records of observe, the history its calls leave on the inventory rows and how the next round
 * reads it back, the progress events, and how refusals and failures end a round. The decisions
 * themselves are core's, tested by table there (RoundPlannerTest, PollScheduleTest).
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ConvergeCloudTest {
    private static final String CLUSTER = "dev";
    private static final String SPEC = "{\"name\":\"dev\",\"clouds\":[\"gcp\"],\"near\":\"tokyo\",\"masters\":{\"count\":1,\"size\":\"small\"}}";
    private static final String EXECUTION = "exec-1";

    /**
     * A cloud with function fields, after crossplane-runtime's fakes: what is live, and what a call does
     * (by default a create leaves the resource CREATING, a delete removes it).
     */
    private static final class FakeCloud implements CloudAdapter {
        final Map<String, Observation> live = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        Function<Resource, RuntimeException> refuseCreate = r -> null;
        RuntimeException refuseObserve;

        @Override
        public Cloud cloud() {
            return Cloud.GCP;
        }

        /** Every kind builds in one 10-second stage and deletes in 5: figures the schedule counts from. */
        @Override
        public KindTimings timings(ResourceKind kind) {
            return KindTimings.INSTANT.create(KindTimings.operation("create " + kind, Duration.ofSeconds(10)))
                    .delete(KindTimings.operation("delete " + kind, Duration.ofSeconds(5)));
        }

        @Override
        public ResourceClient client(ResourceKind kind) {
            return new ResourceClient() {
                @Override
                public Cloud cloud() {
                    return Cloud.GCP;
                }

                @Override
                public ResourceKind kind() {
                    return kind;
                }

                @Override
                public List<Observation> observe(String clusterId, String region) {
                    if (refuseObserve != null) {
                        throw refuseObserve;
                    }
                    return live.values().stream().filter(o -> o.kind() == kind && o.region().equals(region)).toList();
                }

                @Override
                public Observation create(String clusterId, Resource desired, Dependencies dependencies) {
                    calls.add("create " + desired.name());
                    RuntimeException refusal = refuseCreate.apply(desired);
                    if (refusal != null) {
                        throw refusal;
                    }
                    return live.computeIfAbsent(desired.name(), name -> new Observation(name, desired.kind(), Cloud.GCP, desired.region(),
                            "id-" + name, ResourceState.CREATING, desired.attributes(), OwnershipTags.of(Cloud.GCP, clusterId, name)));
                }

                @Override
                public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
                    calls.add("update " + desired.name());
                    return observed;
                }

                @Override
                public void delete(Observation observed) {
                    calls.add("delete " + observed.name());
                    live.remove(observed.name());
                }
            };
        }
    }

    private final FakeCloud cloud = new FakeCloud();

    private record World(FreshStore fresh, ConvergeCloud step, Plan plan) {
        ConvergeCloud.Result round(String mode, LeasePurpose purpose) {
            LeaseRef lease = LeaseRef.of(fresh.store().locks().current(CLUSTER).orElseGet(() ->
                    fresh.store().locks().acquire(CLUSTER, EXECUTION, purpose, Duration.ofMinutes(20))));
            return step.apply(new ConvergeCloud.Request("gcp", mode, lease));
        }

        Map<String, InventoryEntry> rows() {
            Map<String, InventoryEntry> rows = new HashMap<>();
            fresh.store().inventory().listWithUnobserved(CLUSTER).forEach(e -> rows.put(e.name(), e));
            return rows;
        }

        List<String> events() {
            return fresh.store().progress().events(EXECUTION).stream().map(e -> e.status() + " " + e.detail()).toList();
        }

        /** The planned resources that depend on nothing: the first round's creates. */
        List<Resource> roots() {
            return plan.creationOrder().stream().filter(r -> r.dependsOn().isEmpty()).toList();
        }
    }

    private World world(FreshStore fresh) {
        // DynamoDB Local sweeps items whose TTL passed by the real clock: progress events stamped at the
        // extension's fixed start (2026-01-01, retention 30 days) could vanish between two rounds.
        fresh.clock().advance(Duration.between(fresh.clock().instant(), Instant.now()));
        fresh.store().clusters().create(CLUSTER, "tenant", CLUSTER, SPEC);
        ClusterPlans plans = new ClusterPlans(fresh.store(), Planner.standard());
        ConvergeCloud step = new ConvergeCloud(fresh.store(), plans, CloudAdapters.of(cloud), fresh.clock(), BuildTimes.of(CloudAdapters.of(cloud)));
        return new World(fresh, step, plans.plan(CLUSTER));
    }

    private static Instant start(FreshStore fresh) {
        return fresh.clock().instant();
    }

    @Test
    void apply_shouldRefuse_whenTheRequestHoldsNoLease(FreshStore fresh) {
        World world = world(fresh);

        assertThatThrownBy(() -> world.step().apply(new ConvergeCloud.Request("gcp", "create", null)))
                .isInstanceOf(RequestRefused.class).hasMessage("lease: required");
    }

    @Test
    void createRound_shouldRecordEachStartOnItsRow_andCountTheNextRoundFromIt(FreshStore fresh) {
        World world = world(fresh);
        Instant t0 = start(fresh);

        ConvergeCloud.Result first = world.round("create", LeasePurpose.CREATE);

        List<Resource> roots = world.roots();
        assertThat(cloud.calls).containsExactlyElementsOf(roots.stream().map(r -> "create " + r.name()).toList());
        assertThat(first.actionsStarted()).isEqualTo(roots.size());
        assertThat(first.nextPollSeconds()).as("started, not listed yet").isEqualTo(PollSchedule.SOON);
        Resource network = roots.stream().filter(r -> r.kind() == ResourceKind.NETWORK).findFirst().orElseThrow();
        InventoryEntry row = world.rows().get(network.name());
        assertThat(row.isObserved()).isFalse();
        assertThat(row.history()).isEqualTo(new History(EXECUTION, t0, null, t0, null, null));
        assertThat(fresh.store().inventory().list(CLUSTER)).as("rows not observed stay out of everyone else's list").isEmpty();
        assertThat(world.events()).contains("create " + network.name() + " [missing]");

        fresh.clock().advance(Duration.ofSeconds(2));
        ConvergeCloud.Result second = world.round("create", LeasePurpose.CREATE);

        InventoryEntry observed = world.rows().get(network.name());
        assertThat(observed.state()).isEqualTo(ResourceState.CREATING);
        assertThat(observed.history()).as("kept through observe").isEqualTo(row.history());
        // The earliest expected end counts from the recorded start: the fake's figure is 10 s, 2 s have passed.
        Instant due = roots.stream().map(r -> BuildTimes.of(CloudAdapters.of(cloud)).nextStageEnd(Cloud.GCP, r.kind(), t0, fresh.clock().instant()))
                .flatMap(java.util.Optional::stream).min(Instant::compareTo).orElseThrow();
        assertThat(second.nextPollSeconds()).isEqualTo(Math.max(PollSchedule.SOON, (int) Duration.between(fresh.clock().instant(), due).toSeconds()));
        assertThat(second.actionsStarted()).isZero();
    }

    @Test
    void refusal_shouldRecordWhatTheResourceWaitsOn_andLeaveTheRoundUnsettled(FreshStore fresh) {
        World world = world(fresh);
        Instant t0 = start(fresh);
        cloud.refuseCreate = r -> new DependencyNotReadyException("dev-secret", null);

        ConvergeCloud.Result result = world.round("create", LeasePurpose.CREATE);

        assertThat(result.settled()).isFalse();
        assertThat(result.actionsStarted()).isZero();
        Resource root = world.roots().get(0);
        assertThat(world.rows().get(root.name()).history()).isEqualTo(new History(EXECUTION, null, null, t0, "dev-secret", t0));
        assertThat(world.events()).contains("deferred " + root.name() + " [missing]: dependency dev-secret does not exist yet");
    }

    @Test
    void observeRefused_shouldDeferTheRound_withoutActing(FreshStore fresh) {
        World world = world(fresh);
        cloud.refuseObserve = new RetryableCloudException(Cloud.GCP, "list", "rateLimitExceeded", "slow down", null);

        ConvergeCloud.Result result = world.round("create", LeasePurpose.CREATE);

        assertThat(result).isEqualTo(new ConvergeCloud.Result("gcp", world.plan().resources().size(), 0, 0, 0, false,
                PollSchedule.AFTER_REFUSAL));
        assertThat(cloud.calls).isEmpty();
        assertThat(world.events()).singleElement().asString().startsWith("deferred observe: ");
    }

    @Test
    void terminalRefusal_shouldFailTheStep_afterRecordingItsEvent(FreshStore fresh) {
        World world = world(fresh);
        Resource root = world.roots().get(0);
        cloud.refuseCreate = r -> new TerminalCloudException(Cloud.GCP, "insert", "invalid", "bad request", null);

        assertThatThrownBy(() -> world.round("create", LeasePurpose.CREATE))
                .isInstanceOf(StepFailed.class).hasMessageStartingWith("CREATE " + root.name() + " on gcp: ");

        assertThat(world.events()).anyMatch(e -> e.startsWith("failed " + root.name() + " [missing]: ") && e.endsWith("bad request"));
        assertThat(world.rows().get(root.name())).as("a terminal refusal is no start").isNull();
    }

    @Test
    void destroy_shouldDeleteWhatItFinds_recordTheDelete_andForgetTheRowOnceGone(FreshStore fresh) {
        World world = world(fresh);
        Resource network = world.roots().stream().filter(r -> r.kind() == ResourceKind.NETWORK).findFirst().orElseThrow();
        cloud.live.put(network.name(), new Observation(network.name(), network.kind(), Cloud.GCP, network.region(), "id",
                ResourceState.READY, network.attributes(), OwnershipTags.of(Cloud.GCP, CLUSTER, network.name())));
        Instant t0 = start(fresh);

        ConvergeCloud.Result first = world.round("destroy", LeasePurpose.DESTROY);

        assertThat(cloud.calls).containsExactly("delete " + network.name());
        assertThat(first.settled()).isFalse();
        assertThat(world.rows().get(network.name()).history().deleteStarted()).isEqualTo(t0);

        ConvergeCloud.Result second = world.round("destroy", LeasePurpose.DESTROY);

        assertThat(second.settled()).as("this execution deleted something: no second look (events %s, %s)", world.events(), second)
                .isTrue();
        assertThat(world.rows()).isEmpty();
    }

    @Test
    void destroy_shouldLookOnceMore_whenItFindsNothingBeforeDeletingAnything(FreshStore fresh) {
        World world = world(fresh);

        ConvergeCloud.Result first = world.round("destroy", LeasePurpose.DESTROY);
        ConvergeCloud.Result second = world.round("destroy", LeasePurpose.DESTROY);

        assertThat(first.settled()).isFalse();
        assertThat(first.nextPollSeconds()).isEqualTo(PollSchedule.SOON);
        assertThat(second.settled()).isTrue();
        assertThat(world.events()).containsExactly(
                ConvergeCloud.CONFIRMING_EMPTY + " nothing owned found; looking once more before calling it gone");
    }
}
