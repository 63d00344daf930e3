package dev.overcast.core.converge;

import static dev.overcast.core.converge.Given.EXECUTION;
import static dev.overcast.core.converge.Given.FIGURES;
import static dev.overcast.core.converge.Given.GATEWAY;
import static dev.overcast.core.converge.Given.INSTANCE;
import static dev.overcast.core.converge.Given.NETWORK;
import static dev.overcast.core.converge.Given.NOW;
import static dev.overcast.core.converge.Given.PEER;
import static dev.overcast.core.converge.Given.PLAN;
import static dev.overcast.core.converge.Given.ago;
import static dev.overcast.core.converge.Given.orphan;
import static dev.overcast.core.converge.Given.ready;
import static dev.overcast.core.converge.Given.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven, after crossplane-runtime's reconciler tests: name → {given the round's state, want seconds to the next round}. */
class PollScheduleTest {
    private static final Observation ORPHAN = orphan("demo-vpn-gateway-aws-old", ResourceKind.VPN_GATEWAY, ResourceState.DELETING);

    /** What one round knew and did: starts (this round's included), histories, refusals, the rows before it and what it observed. */
    private record Round(Map<String, Instant> started, Map<String, History> histories, Map<String, String> refused,
                         List<Observation> before, List<Observation> observed) {

        static Round observing(Observation... observed) {
            return new Round(Map.of(), Map.of(), Map.of(), List.of(), List.of(observed));
        }

        Round started(Resource r, Instant at) {
            return new Round(with(started, r.name(), at), histories, refused, before, observed);
        }

        Round startedDeleting(Observation o, Instant at) {
            return new Round(with(started, o.name(), at), histories, refused, before, observed);
        }

        Round refused(Observation o, String dependency) {
            return new Round(started, histories, with(refused, o.name(), dependency), before, observed);
        }

        Round history(Resource r, History history) {
            return new Round(started, with(histories, r.name(), history), refused, before, observed);
        }

        Round refused(Resource r, String dependency) {
            return new Round(started, histories, with(refused, r.name(), dependency), before, observed);
        }

        Round before(Observation... rows) {
            return new Round(started, histories, refused, List.of(rows), observed);
        }

        private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
            Map<String, V> copy = new HashMap<>(map);
            copy.put(key, value);
            return copy;
        }

        PollSchedule schedule() {
            return new PollSchedule(Cloud.AWS, NOW, FIGURES, started, histories, refused, before);
        }
    }

    private static History history() {
        return History.of(EXECUTION, null);
    }

    static Stream<Arguments> afterBuild() {
        return Stream.of(
                Arguments.of("everything of the cloud ready, nobody waiting on it: idle",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)).before(ready(GATEWAY)),
                        PollSchedule.IDLE),
                Arguments.of("started but not listed yet: soon, a fresh resource hides from its first read",
                        Round.observing(ready(NETWORK), ready(GATEWAY)).started(INSTANCE, NOW).before(ready(GATEWAY)),
                        PollSchedule.SOON),
                Arguments.of("planned, never started, not listed (waits on others): idle",
                        Round.observing(ready(NETWORK), ready(GATEWAY)).before(ready(GATEWAY)),
                        PollSchedule.IDLE),
                Arguments.of("started, then refused this round: the refusal's back-off, not soon",
                        Round.observing(ready(NETWORK), ready(GATEWAY)).started(INSTANCE, ago(100)).refused(INSTANCE, null).before(ready(GATEWAY)),
                        PollSchedule.AFTER_REFUSAL),
                Arguments.of("building: the end of its first stage, counted from its start",
                        Round.observing(ready(NETWORK), seen(GATEWAY, ResourceState.CREATING), ready(INSTANCE)).started(GATEWAY, ago(20)),
                        40),
                Arguments.of("first stage over: the end of the next one",
                        Round.observing(ready(NETWORK), seen(GATEWAY, ResourceState.CREATING), ready(INSTANCE)).started(GATEWAY, ago(70)),
                        20),
                Arguments.of("past its figures: a tenth of its age",
                        Round.observing(ready(NETWORK), seen(GATEWAY, ResourceState.CREATING), ready(INSTANCE)).started(GATEWAY, ago(300)),
                        30),
                Arguments.of("long past its figures: at most a minute",
                        Round.observing(ready(NETWORK), seen(GATEWAY, ResourceState.CREATING), ready(INSTANCE)).started(GATEWAY, ago(3000)),
                        PollSchedule.LATE_MAX),
                Arguments.of("a kind with no figure, young: at least the late minimum",
                        Round.observing(ready(NETWORK), ready(GATEWAY), seen(INSTANCE, ResourceState.CREATING)).started(INSTANCE, ago(20))
                                .before(ready(GATEWAY)),
                        PollSchedule.LATE_MIN),
                Arguments.of("no start but a first try (its create call could not read back): counted from the try",
                        Round.observing(ready(NETWORK), seen(GATEWAY, ResourceState.CREATING), ready(INSTANCE))
                                .history(GATEWAY, history().refused(ago(20))),
                        40),
                Arguments.of("on its way since before this execution: the unknown-start poll",
                        Round.observing(ready(NETWORK), seen(GATEWAY, ResourceState.CREATING), ready(INSTANCE)),
                        PollSchedule.UNKNOWN_START),
                Arguments.of("an orphan being deleted: the end of its delete",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE), ORPHAN).startedDeleting(ORPHAN, ago(10))
                                .before(ready(GATEWAY)),
                        30),
                Arguments.of("an orphan deleted by someone else: the unknown-start poll",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE), ORPHAN).before(ready(GATEWAY)),
                        PollSchedule.UNKNOWN_START),
                Arguments.of("refused, naming a dependency of this cloud with an update figure: that long after it began waiting",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE))
                                .refused(PEER, GATEWAY.name()).history(PEER, history().waiting(ago(40), GATEWAY.name())).before(ready(GATEWAY)),
                        60),
                Arguments.of("refused for the busy dependency, first refusal this round: the update figure from now",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)).refused(PEER, GATEWAY.name()).before(ready(GATEWAY)),
                        100),
                Arguments.of("refused for the busy dependency since long: late, a tenth of the wait",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)).refused(PEER, GATEWAY.name())
                                .history(PEER, history().waiting(ago(400), GATEWAY.name())).before(ready(GATEWAY)),
                        40),
                Arguments.of("a sibling refused without naming one: due with the one waiting on their dependency",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)).refused(PEER, GATEWAY.name())
                                .history(PEER, history().waiting(ago(40), GATEWAY.name()))
                                .refused(Given.TUNNEL, null).before(ready(GATEWAY)),
                        60),
                Arguments.of("refused for a dependency with no update figure: the back-off",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)).refused(PEER, NETWORK.name()).before(ready(GATEWAY)),
                        PollSchedule.AFTER_REFUSAL),
                Arguments.of("refused, naming another cloud's resource: the back-off, that cloud polls for itself",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)).refused(PEER, Given.GCP_GATEWAY.name())
                                .history(PEER, history().waiting(ago(40), Given.GCP_GATEWAY.name())).before(ready(GATEWAY)),
                        PollSchedule.AFTER_REFUSAL),
                Arguments.of("refused, naming a resource the plan does not know: the back-off",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)).refused(PEER, "demo-secret").before(ready(GATEWAY)),
                        PollSchedule.AFTER_REFUSAL),
                Arguments.of("an orphan's delete refused: the back-off",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE), ORPHAN).startedDeleting(ORPHAN, ago(3000))
                                .refused(ORPHAN, null).before(ready(GATEWAY)),
                        PollSchedule.AFTER_REFUSAL),
                Arguments.of("became ready while another cloud's resource waits on it: soon",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)).before(seen(GATEWAY, ResourceState.CREATING)),
                        PollSchedule.SOON),
                Arguments.of("became ready with no row before: soon",
                        Round.observing(ready(NETWORK), ready(GATEWAY), ready(INSTANCE)),
                        PollSchedule.SOON),
                Arguments.of("due in under the soonest poll: the soonest poll",
                        Round.observing(ready(NETWORK), seen(GATEWAY, ResourceState.CREATING), ready(INSTANCE)).started(GATEWAY, ago(58)),
                        PollSchedule.SOON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void afterBuild(String name, Round given, int want) {
        assertThat(given.schedule().afterBuild(PLAN, given.observed())).isEqualTo(want);
    }

    static Stream<Arguments> afterDelete() {
        Observation deletingGateway = seen(GATEWAY, ResourceState.DELETING);
        return Stream.of(
                Arguments.of("a delete this execution started: its end",
                        Round.observing(ready(NETWORK), ready(GATEWAY)).startedDeleting(ready(GATEWAY), ago(10)),
                        30),
                Arguments.of("deleting, started by another flow: the unknown-start poll",
                        Round.observing(ready(NETWORK), deletingGateway),
                        PollSchedule.UNKNOWN_START),
                Arguments.of("past its delete figure: a tenth of its age",
                        Round.observing(ready(NETWORK), deletingGateway).startedDeleting(deletingGateway, ago(200)),
                        20),
                Arguments.of("nothing deleting, nothing gone: idle (only other clouds can unblock it)",
                        Round.observing(ready(NETWORK), ready(GATEWAY)).before(ready(NETWORK), ready(GATEWAY)),
                        PollSchedule.IDLE),
                Arguments.of("gone, and it depended on another cloud's resource: soon, that one may go now",
                        Round.observing(ready(NETWORK)).before(ready(NETWORK), ready(PEER)),
                        PollSchedule.SOON),
                Arguments.of("gone, and it depended on this cloud's only: idle",
                        Round.observing(ready(NETWORK)).before(ready(NETWORK), ready(INSTANCE)),
                        PollSchedule.IDLE),
                Arguments.of("another cloud's resource is gone: none of this cloud's business",
                        Round.observing(ready(NETWORK)).before(ready(NETWORK), ready(Given.TUNNEL)),
                        PollSchedule.IDLE),
                Arguments.of("a refusal: the back-off",
                        Round.observing(ready(NETWORK), ready(GATEWAY)).refused(GATEWAY, null),
                        PollSchedule.AFTER_REFUSAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void afterDelete(String name, Round given, int want) {
        assertThat(given.schedule().afterDelete(PLAN, given.observed())).isEqualTo(want);
    }
}
