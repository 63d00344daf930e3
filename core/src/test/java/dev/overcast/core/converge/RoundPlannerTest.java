package dev.overcast.core.converge;

import static dev.overcast.core.converge.Given.EXECUTION;
import static dev.overcast.core.converge.Given.FIGURES;
import static dev.overcast.core.converge.Given.GATEWAY;
import static dev.overcast.core.converge.Given.GCP_GATEWAY;
import static dev.overcast.core.converge.Given.INSTANCE;
import static dev.overcast.core.converge.Given.NETWORK;
import static dev.overcast.core.converge.Given.NOW;
import static dev.overcast.core.converge.Given.PEER;
import static dev.overcast.core.converge.Given.PLAN;
import static dev.overcast.core.converge.Given.TUNNEL;
import static dev.overcast.core.converge.Given.drifted;
import static dev.overcast.core.converge.Given.orphan;
import static dev.overcast.core.converge.Given.ready;
import static dev.overcast.core.converge.Given.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.core.region.GeoPoint;
import dev.overcast.core.region.Region;
import dev.overcast.core.region.RegionSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven, after crossplane-runtime's reconciler tests: name → {given the plan and what the
 * clouds show, want the round's calls, counts and verdict}. A call reads {@code TYPE name [reasons] {dependencies}}.
 */
class RoundPlannerTest {
    /** The gateway's {@code size} is fixed at creation; the instance's can change in place. */
    private static final java.util.function.Function<ResourceKind, Set<String>> GATEWAY_SIZE_FIXED =
            kind -> kind == ResourceKind.VPN_GATEWAY ? Set.of("size") : Set.of();
    private static final Observation ORPHAN = orphan("demo-instance-aws-old", ResourceKind.INSTANCE, ResourceState.READY);

    private static List<String> calls(RoundPlanner.Work work) {
        return work.calls().stream().map(c -> (c.resume() ? "RESUME" : c.type().toString()) + " " + c.name() + " "
                + c.action().reasons() + " " + new TreeSet<>(c.dependencies().byName().keySet())).toList();
    }

    static Stream<Arguments> apply() {
        return Stream.of(
                Arguments.of("nothing exists: create what needs nothing; the rest waits, the cloud unsettled",
                        List.of(), List.of(),
                        List.of("CREATE demo-network-aws [missing] []"), true),
                Arguments.of("dependencies ready, on this cloud or another: create with them, in the plan's creation order",
                        List.of(ready(NETWORK)), List.of(ready(GCP_GATEWAY)),
                        List.of("CREATE demo-vpn-gateway-aws [missing] [demo-network-aws]",
                                "CREATE demo-peer-gateway-aws-gcp [missing] [demo-vpn-gateway-gcp]",
                                "CREATE demo-instance-aws [missing] [demo-network-aws]"), true),
                Arguments.of("another cloud's dependency still creating: no call yet",
                        List.of(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)), List.of(seen(GCP_GATEWAY, ResourceState.CREATING)),
                        List.of(), true),
                Arguments.of("everything as planned: nothing to do",
                        List.of(ready(NETWORK), ready(GATEWAY), ready(INSTANCE), ready(PEER)), List.of(ready(GCP_GATEWAY), ready(TUNNEL)),
                        List.of(), false),
                Arguments.of("drift: update with its dependencies",
                        List.of(ready(NETWORK), ready(GATEWAY), drifted(INSTANCE), ready(PEER)), List.of(ready(GCP_GATEWAY)),
                        List.of("UPDATE demo-instance-aws [size] [demo-network-aws]"), true),
                Arguments.of("drift only in a create-only attribute: reported, no call, the cloud settled",
                        List.of(ready(NETWORK), drifted(GATEWAY), ready(INSTANCE), ready(PEER)), List.of(ready(GCP_GATEWAY)),
                        List.of(), false),
                Arguments.of("owned but not planned: delete",
                        List.of(ready(NETWORK), ready(GATEWAY), ready(INSTANCE), ready(PEER), ORPHAN), List.of(ready(GCP_GATEWAY)),
                        List.of("DELETE demo-instance-aws-old [orphan] []"), true),
                Arguments.of("failed: delete, then create (the round skips the create once the delete started)",
                        List.of(ready(NETWORK), ready(GATEWAY), seen(INSTANCE, ResourceState.FAILED), ready(PEER)), List.of(ready(GCP_GATEWAY)),
                        List.of("DELETE demo-instance-aws [failed] []", "CREATE demo-instance-aws [failed] [demo-network-aws]"), true),
                Arguments.of("still creating: resumed, so a kind built in stages starts its next one",
                        List.of(ready(NETWORK), seen(GATEWAY, ResourceState.CREATING), ready(INSTANCE), ready(PEER)), List.of(ready(GCP_GATEWAY)),
                        List.of("RESUME demo-vpn-gateway-aws [resume] [demo-network-aws]"), false),
                Arguments.of("still creating, its dependency not ready: not resumed",
                        List.of(seen(NETWORK, ResourceState.UPDATING), seen(GATEWAY, ResourceState.CREATING), ready(INSTANCE), ready(PEER)),
                        List.of(ready(GCP_GATEWAY)),
                        List.of(), false),
                Arguments.of("two observations of one name: the ready one is the dependency",
                        List.of(ready(NETWORK), seen(NETWORK, ResourceState.CREATING), ready(GATEWAY), ready(PEER)), List.of(ready(GCP_GATEWAY)),
                        List.of("DELETE demo-network-aws [orphan] []", "CREATE demo-instance-aws [missing] [demo-network-aws]"), true),
                Arguments.of("the other cloud's own work is not this round's",
                        List.of(ready(NETWORK), ready(GATEWAY), ready(INSTANCE), ready(PEER)), List.of(ready(GCP_GATEWAY)),
                        List.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void apply(String name, List<Observation> observed, List<Observation> elsewhere, List<String> wantCalls, boolean wantAnyAction) {
        RoundPlanner.Work work = RoundPlanner.apply(Cloud.AWS, PLAN, observed, elsewhere, GATEWAY_SIZE_FIXED);

        assertThat(calls(work)).containsExactlyElementsOf(wantCalls);
        assertThat(work.anyAction()).isEqualTo(wantAnyAction);
    }

    @Test
    void apply_shouldReportCreateOnlyDrift_withTheObservedValue_andNeverAsAnUpdate() {
        RoundPlanner.Work work = RoundPlanner.apply(Cloud.AWS, PLAN,
                List.of(ready(NETWORK), drifted(GATEWAY), drifted(INSTANCE), ready(PEER)), List.of(ready(GCP_GATEWAY)), GATEWAY_SIZE_FIXED);

        assertThat(work.createOnlyDrift()).containsExactly(new RoundPlanner.CreateOnlyDrift("demo-vpn-gateway-aws",
                ResourceKind.VPN_GATEWAY, null, new java.util.TreeMap<>(Map.of("size", "large"))));
        assertThat(work.createOnlyDrift().get(0)).hasToString("demo-vpn-gateway-aws: size");
        assertThat(calls(work)).containsExactly("UPDATE demo-instance-aws [size] [demo-network-aws]");
    }

    static Stream<Arguments> destroy() {
        return Stream.of(
                Arguments.of("dependants first: the network waits for the resources in it",
                        List.of(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)),
                        List.of("DELETE demo-instance-aws [destroy] []", "DELETE demo-vpn-gateway-aws [destroy] []")),
                Arguments.of("a dependant on another cloud still present: wait for it",
                        List.of(ready(GATEWAY), ready(TUNNEL)),
                        List.of("DELETE demo-vpn-tunnel-gcp-aws [destroy] []")),
                Arguments.of("already deleting: not called again, and what it depends on waits",
                        List.of(ready(NETWORK), seen(INSTANCE, ResourceState.DELETING)),
                        List.of()),
                Arguments.of("whatever is owned goes, planned or not, by kind then name",
                        List.of(ready(NETWORK), ORPHAN, orphan("demo-subnet-aws-old", ResourceKind.SUBNET, ResourceState.FAILED)),
                        List.of("DELETE demo-instance-aws-old [destroy] []", "DELETE demo-subnet-aws-old [destroy] []",
                                "DELETE demo-network-aws [destroy] []")),
                Arguments.of("nothing found: nothing to call",
                        List.of(),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void destroy(String name, List<Observation> observed, List<String> wantCalls) {
        assertThat(calls(RoundPlanner.destroy(PLAN, observed))).containsExactlyElementsOf(wantCalls);
    }

    static Stream<Arguments> counts() {
        return Stream.of(
                Arguments.of("nothing yet: every planned resource of the cloud pending",
                        List.of(), new RoundPlanner.Counts(4, 0, 0)),
                Arguments.of("ready and failed counted apart, orphans pending",
                        List.of(ready(NETWORK), seen(GATEWAY, ResourceState.FAILED), seen(INSTANCE, ResourceState.CREATING), ORPHAN),
                        new RoundPlanner.Counts(4, 1, 1)),
                Arguments.of("all ready", List.of(ready(NETWORK), ready(GATEWAY), ready(INSTANCE), ready(PEER)),
                        new RoundPlanner.Counts(0, 4, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void counts(String name, List<Observation> observed, RoundPlanner.Counts want) {
        assertThat(RoundPlanner.counts(Cloud.AWS, PLAN, observed)).isEqualTo(want);
    }

    static Stream<Arguments> kindsToObserve() {
        return Stream.of(
                Arguments.of("create, nothing recorded: every planned kind of the cloud", Mode.CREATE, List.of(),
                        Set.of(ResourceKind.NETWORK, ResourceKind.VPN_GATEWAY, ResourceKind.INSTANCE, ResourceKind.PEER_GATEWAY)),
                Arguments.of("create: READY rows stand in for their kinds", Mode.CREATE,
                        List.of(ready(NETWORK), ready(GATEWAY), seen(INSTANCE, ResourceState.CREATING), ready(PEER), ready(TUNNEL)),
                        Set.of(ResourceKind.INSTANCE)),
                Arguments.of("create: a row the plan does not know is looked at", Mode.CREATE,
                        List.of(ready(NETWORK), ready(GATEWAY), ready(INSTANCE), ready(PEER), orphan("demo-subnet-aws-old", ResourceKind.SUBNET,
                                ResourceState.READY)),
                        Set.of(ResourceKind.SUBNET)),
                Arguments.of("reconcile: every kind, drift being its point", Mode.RECONCILE,
                        List.of(ready(NETWORK), ready(GATEWAY), ready(INSTANCE), ready(PEER)), Set.of(ResourceKind.values())),
                Arguments.of("destroy: every kind", Mode.DESTROY, List.of(), Set.of(ResourceKind.values())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void kindsToObserve(String name, Mode mode, List<Observation> recorded, Set<ResourceKind> want) {
        assertThat(RoundPlanner.kindsToObserve(mode, PLAN, Cloud.AWS, recorded)).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void regions_shouldBeThePlannedOne_andAnyOtherTheInventoryRemembersTheCloudIn() {
        Region planned = new Region(Cloud.AWS, "eu-west-1", "Ireland", new GeoPoint(53.3, -6.3), List.of("eu-west-1a"));
        Plan plan = new Plan(Given.CLUSTER, "1.31", new RegionSet(Map.of(Cloud.AWS, planned), List.of()), null, PLAN.resources());
        Observation moved = new Observation("demo-instance-aws-old", ResourceKind.INSTANCE, Cloud.AWS, "us-east-1", "i-1",
                ResourceState.READY, null, null);

        assertThat(RoundPlanner.regions(plan, Cloud.AWS, List.of(ready(NETWORK), moved, ready(TUNNEL))))
                .containsExactly("eu-west-1", "us-east-1");
        assertThat(RoundPlanner.regions(plan, Cloud.AZURE, List.of(ready(NETWORK)))).as("a cloud the plan left").isEmpty();
    }

    static Stream<Arguments> remembersGone() {
        History mine = History.of(EXECUTION, null).created(NOW);
        return Stream.of(
                Arguments.of("planned, this execution created it: kept, its first create counts", Mode.CREATE, NETWORK.name(), mine, true),
                Arguments.of("reconcile likewise", Mode.RECONCILE, NETWORK.name(), mine, true),
                Arguments.of("another execution's history: forgotten", Mode.CREATE, NETWORK.name(),
                        History.of("exec-0", null).created(NOW), false),
                Arguments.of("no history: forgotten", Mode.CREATE, NETWORK.name(), null, false),
                Arguments.of("not planned: forgotten", Mode.RECONCILE, ORPHAN.name(), History.of(EXECUTION, null).deleted(NOW), false),
                Arguments.of("destroy forgets everything gone", Mode.DESTROY, NETWORK.name(), History.of(EXECUTION, null).deleted(NOW), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void remembersGone(String name, Mode mode, String resource, History recorded, boolean want) {
        assertThat(RoundPlanner.remembersGone(mode, PLAN, resource, recorded, EXECUTION)).isEqualTo(want);
    }

    static Stream<Arguments> verdicts() {
        PollSchedule idle = new PollSchedule(Cloud.AWS, NOW, FIGURES, Map.of(), Map.of(), Map.of(), List.of(ready(GATEWAY)));
        List<Observation> allReady = List.of(ready(NETWORK), ready(GATEWAY), ready(INSTANCE), ready(PEER));
        return Stream.of(
                Arguments.of("applied, all ready, diff empty: settled",
                        RoundPlanner.applied(Cloud.AWS, PLAN, allReady, new RoundPlanner.Work(List.of(), false), idle),
                        new RoundPlanner.Verdict(0, 4, 0, true, 0, false)),
                Arguments.of("applied, all ready but an action waits: not settled",
                        RoundPlanner.applied(Cloud.AWS, PLAN, allReady, new RoundPlanner.Work(List.of(), true), idle),
                        new RoundPlanner.Verdict(0, 4, 0, false, PollSchedule.IDLE, false)),
                Arguments.of("destroyed, nothing found before anything was deleted: look again soon",
                        RoundPlanner.destroyed(PLAN, List.of(), idle, false, false),
                        new RoundPlanner.Verdict(0, 0, 0, false, PollSchedule.SOON, true)),
                Arguments.of("destroyed, nothing found the second time: settled",
                        RoundPlanner.destroyed(PLAN, List.of(), idle, true, false),
                        new RoundPlanner.Verdict(0, 0, 0, true, 0, false)),
                Arguments.of("destroyed, nothing found after this execution deleted: settled",
                        RoundPlanner.destroyed(PLAN, List.of(), idle, false, true),
                        new RoundPlanner.Verdict(0, 0, 0, true, 0, false)),
                Arguments.of("destroyed, something left: pending, polled",
                        RoundPlanner.destroyed(PLAN, List.of(seen(NETWORK, ResourceState.DELETING)), idle, false, true),
                        new RoundPlanner.Verdict(1, 0, 0, false, PollSchedule.UNKNOWN_START, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void verdicts(String name, RoundPlanner.Verdict got, RoundPlanner.Verdict want) {
        assertThat(got).isEqualTo(want);
    }
}
