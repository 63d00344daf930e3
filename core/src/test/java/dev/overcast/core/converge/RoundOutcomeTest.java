package dev.overcast.core.converge;

import static dev.overcast.core.converge.Given.EXECUTION;
import static dev.overcast.core.converge.Given.GATEWAY;
import static dev.overcast.core.converge.Given.INSTANCE;
import static dev.overcast.core.converge.Given.NETWORK;
import static dev.overcast.core.converge.Given.NOW;
import static dev.overcast.core.converge.Given.ago;
import static dev.overcast.core.converge.Given.drifted;
import static dev.overcast.core.converge.Given.ready;
import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.diff.Action;
import dev.overcast.core.diff.ActionType;
import dev.overcast.core.plan.Resource;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven: name → {given the recorded histories and what the round's calls did, want the history each row keeps}. */
class RoundOutcomeTest {
    private static final Instant LATER = NOW.plusSeconds(3);

    private static Call create(Resource r) {
        return new Call(new Action(ActionType.CREATE, r.name(), r, null, List.of("missing")), Dependencies.NONE, false);
    }

    private static Call update(Resource r) {
        return new Call(new Action(ActionType.UPDATE, r.name(), r, drifted(r), List.of("size")), Dependencies.NONE, false);
    }

    private static Call delete(Resource r) {
        return new Call(new Action(ActionType.DELETE, r.name(), null, ready(r), List.of("failed")), Dependencies.NONE, false);
    }

    private static Call resume(Resource r) {
        return new Call(new Action(ActionType.CREATE, r.name(), r, ready(r), List.of("resume")), Dependencies.NONE, true);
    }

    private static History mine() {
        return History.of(EXECUTION, null);
    }

    static Stream<Arguments> histories() {
        return Stream.of(
                Arguments.of("a create started: its start and first try, at the call's time",
                        Map.of(), (Consumer<RoundOutcome>) o -> o.started(create(NETWORK), LATER),
                        Map.of(NETWORK.name(), new History(EXECUTION, LATER, null, LATER, null, null))),
                Arguments.of("created before by this execution: the first create still counts",
                        Map.of(NETWORK.name(), mine().created(ago(100))), (Consumer<RoundOutcome>) o -> o.started(update(NETWORK), LATER),
                        Map.of(NETWORK.name(), new History(EXECUTION, ago(100), null, ago(100), null, null))),
                Arguments.of("created by another execution: starts afresh",
                        Map.of(NETWORK.name(), History.of("exec-0", null).created(ago(100))), (Consumer<RoundOutcome>) o -> o.started(create(NETWORK), LATER),
                        Map.of(NETWORK.name(), new History(EXECUTION, LATER, null, LATER, null, null))),
                Arguments.of("a delete started: the latest delete counts",
                        Map.of(GATEWAY.name(), mine().deleted(ago(100))), (Consumer<RoundOutcome>) o -> o.started(delete(GATEWAY), LATER),
                        Map.of(GATEWAY.name(), new History(EXECUTION, null, LATER, null, null, null))),
                Arguments.of("refused for a dependency: first try, what it waits on and since when",
                        Map.of(), (Consumer<RoundOutcome>) o -> o.refused(create(GATEWAY), LATER, true, NETWORK.name()),
                        Map.of(GATEWAY.name(), new History(EXECUTION, null, null, LATER, NETWORK.name(), LATER))),
                Arguments.of("refused again: still waiting since the first refusal",
                        Map.of(GATEWAY.name(), mine().waiting(ago(50), NETWORK.name())),
                        (Consumer<RoundOutcome>) o -> o.refused(create(GATEWAY), LATER, true, NETWORK.name()),
                        Map.of(GATEWAY.name(), new History(EXECUTION, null, null, ago(50), NETWORK.name(), ago(50)))),
                Arguments.of("refused for another reason: a first try, no wait",
                        Map.of(), (Consumer<RoundOutcome>) o -> o.refused(create(GATEWAY), LATER, false, null),
                        Map.of(GATEWAY.name(), new History(EXECUTION, null, null, LATER, null, null))),
                Arguments.of("a resume is none of the history's business",
                        Map.of(), (Consumer<RoundOutcome>) o -> {
                            o.started(resume(GATEWAY), LATER);
                            o.refused(resume(INSTANCE), LATER, true, NETWORK.name());
                        },
                        Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void histories(String name, Map<String, History> recorded, Consumer<RoundOutcome> calls, Map<String, History> want) {
        RoundOutcome outcome = new RoundOutcome(Mode.CREATE, EXECUTION, NOW, recorded);
        calls.accept(outcome);

        assertThat(outcome.changed()).isEqualTo(want);
    }

    @Test
    void round_shouldSkipTheCreate_whenItStartedDeletingTheSameResource() {
        RoundOutcome outcome = new RoundOutcome(Mode.RECONCILE, EXECUTION, NOW, Map.of());
        assertThat(outcome.due(create(INSTANCE))).isTrue();

        outcome.started(delete(INSTANCE), LATER);

        assertThat(outcome.due(create(INSTANCE))).isFalse();
        assertThat(outcome.due(delete(NETWORK))).isTrue();
        assertThat(outcome.calls()).isEqualTo(1);
    }

    @Test
    void update_shouldMarkTheResourceUpdating_soACreateRoundObservesItsKindAgain() {
        RoundOutcome outcome = new RoundOutcome(Mode.CREATE, EXECUTION, NOW, Map.of());

        outcome.started(update(INSTANCE), LATER);
        outcome.started(resume(GATEWAY), LATER);

        assertThat(outcome.updated()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo(INSTANCE.name());
            assertThat(o.state()).isEqualTo(ResourceState.UPDATING);
        });
        assertThat(outcome.calls()).isEqualTo(1);
    }

    /** What the schedule counts from: the round's own start for its calls, the recorded one per mode for the rest. */
    static Stream<Arguments> starts() {
        Map<String, History> recorded = new HashMap<>();
        recorded.put(NETWORK.name(), mine().created(ago(100)).deleted(ago(50)));
        recorded.put(GATEWAY.name(), History.of("exec-0", null).created(ago(100)));
        return Stream.of(
                Arguments.of("create: the recorded create of this execution only", Mode.CREATE, recorded,
                        (Consumer<RoundOutcome>) o -> { }, Map.of(NETWORK.name(), ago(100))),
                Arguments.of("destroy: the recorded delete", Mode.DESTROY, recorded,
                        (Consumer<RoundOutcome>) o -> { }, Map.of(NETWORK.name(), ago(50))),
                Arguments.of("create again: the first start stays", Mode.CREATE, recorded,
                        (Consumer<RoundOutcome>) o -> o.started(update(NETWORK), LATER), Map.of(NETWORK.name(), ago(100))),
                Arguments.of("a delete this round: counted from the round's start", Mode.RECONCILE, recorded,
                        (Consumer<RoundOutcome>) o -> o.started(delete(NETWORK), LATER), Map.of(NETWORK.name(), NOW)),
                Arguments.of("a first create this round: counted from the round's start", Mode.CREATE, Map.of(),
                        (Consumer<RoundOutcome>) o -> o.started(create(INSTANCE), LATER), Map.of(INSTANCE.name(), NOW)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void starts(String name, Mode mode, Map<String, History> recorded, Consumer<RoundOutcome> calls, Map<String, Instant> want) {
        RoundOutcome outcome = new RoundOutcome(mode, EXECUTION, NOW, recorded);
        calls.accept(outcome);

        assertThat(outcome.started()).isEqualTo(want);
    }
}
