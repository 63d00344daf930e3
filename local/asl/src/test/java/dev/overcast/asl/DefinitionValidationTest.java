package dev.overcast.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.overcast.asl.clock.VirtualClock;
import dev.overcast.asl.task.TaskResources;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefinitionValidationTest {
    private final Interpreter interpreter = new Interpreter(TaskResources.none(), new VirtualClock(Instant.EPOCH));

    static Stream<Arguments> invalidDefinitions() {
        return Stream.of(
                Arguments.of("missing StartAt", """
                        {"States": {"A": {"Type": "Pass", "End": true}}}""", "'StartAt' is required"),
                Arguments.of("StartAt names no state", """
                        {"StartAt": "B", "States": {"A": {"Type": "Pass", "End": true}}}""", "'StartAt' names 'B'"),
                Arguments.of("Next names no state", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}""",
                        "transition to 'Nowhere'"),
                Arguments.of("unreachable state", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true},
                         "B": {"Type": "Pass", "End": true}}}""", "$.States.B: the state is unreachable"),
                Arguments.of("bad reference path", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "ResultPath": "$.a[*]", "End": true}}}""",
                        "'ResultPath' is not a reference path"),
                Arguments.of("bad path in Parameters", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "$.a[?(@.b"}, "End": true}}}""",
                        "$.States.A.Parameters.x.$: invalid path"),
                Arguments.of("States.ALL not alone", """
                        {"StartAt": "A", "States": {"A": {"Type": "Parallel", "End": true,
                         "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
                         "Retry": [{"ErrorEquals": ["States.ALL", "X"]}]}}}""", "'States.ALL' must appear alone"),
                Arguments.of("States.ALL not last", """
                        {"StartAt": "A", "States": {"A": {"Type": "Parallel", "End": true,
                         "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
                         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}, {"ErrorEquals": ["X"], "Next": "C"}]},
                         "C": {"Type": "Succeed"}}}""", "$.States.A.Catch[0]: 'States.ALL' must be in the last entry"),
                Arguments.of("reserved error name", """
                        {"StartAt": "A", "States": {"A": {"Type": "Parallel", "End": true,
                         "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
                         "Retry": [{"ErrorEquals": ["States.Mine"]}]}}}""", "'States.Mine' uses the reserved"),
                Arguments.of("unknown field", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Colour": "red"}}}""",
                        "$.States.A: unknown field 'Colour'"),
                Arguments.of("unknown Resource", """
                        {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                         "End": true}}}""", "unknown Resource 'arn:aws:states:::sqs:sendMessage'"),
                Arguments.of("JSONPath field in a JSONata state", """
                        {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass",
                         "InputPath": "$.x", "End": true}}}""", "'InputPath' is not allowed when the query language is JSONata"),
                Arguments.of("ItemReader is refused, not ignored", """
                        {"StartAt": "A", "States": {"A": {"Type": "Map", "End": true, "ItemReader": {},
                         "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}}}}""",
                        "field 'ItemReader' is not supported"),
                Arguments.of("unknown intrinsic", """
                        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "States.Nope(1)"},
                         "End": true}}}""", "'States.Nope' is not an intrinsic function"),
                Arguments.of("heartbeat not below timeout", """
                        {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                         "TimeoutSeconds": 60, "HeartbeatSeconds": 60, "End": true}}}""",
                        "'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'"),
                Arguments.of("error in a nested branch", """
                        {"StartAt": "A", "States": {"A": {"Type": "Parallel", "End": true,
                         "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass"}}}]}}}""",
                        "$.States.A.Branches[0].States.B: a state must have 'Next' or 'End: true'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDefinitions")
    void parse_shouldListTheProblem_whenDefinitionIsInvalid(String name, String definition, String problem) {
        InvalidDefinitionException e = catchThrowableOfType(() -> interpreter.parse(Json.parse(definition)),
                InvalidDefinitionException.class);

        assertThat(e).as("definition must be rejected").isNotNull();
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(problem));
    }
}
