package dev.overcast.asl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.asl.clock.RealClock;
import dev.overcast.asl.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Behaviour the recorded conformance cases do not cover. */
class StatesLanguageTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final VirtualClock clock = new VirtualClock(START);
    private final Interpreter interpreter = Machines.interpreter(clock, Map.of());

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"Variable\": \"$.v\", \"StringMatches\": \"vpn-*-gw\"}                      | {\"v\": \"vpn-aws-gw\"}   | Yes",
        "{\"Variable\": \"$.v\", \"StringMatches\": \"log\\\\*\"}                         | {\"v\": \"log*\"}         | Yes",
        "{\"Variable\": \"$.v\", \"StringMatches\": \"log\\\\*\"}                         | {\"v\": \"logs\"}         | No",
        "{\"Variable\": \"$.v\", \"IsTimestamp\": true}                                  | {\"v\": \"2026-01-01T00:00:00Z\"} | Yes",
        "{\"Variable\": \"$.v\", \"IsTimestamp\": true}                                  | {\"v\": \"yesterday\"}    | No",
        "{\"Or\": [{\"Variable\": \"$.v\", \"NumericEquals\": 1}, {\"Variable\": \"$.v\", \"NumericEquals\": 2}]} | {\"v\": 2} | Yes",
        "{\"Or\": [{\"Variable\": \"$.v\", \"NumericEquals\": 1}, {\"Variable\": \"$.v\", \"NumericEquals\": 2}]} | {\"v\": 3} | No",
        "{\"Variable\": \"$.v\", \"TimestampLessThanPath\": \"$.w\"}                      | {\"v\": \"2026-01-01T00:00:00+01:00\", \"w\": \"2026-01-01T00:00:00Z\"} | Yes",
    })
    void choice_shouldApplyTheOperator(String rule, String input, String expected) {
        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [%s], "Default": "No"},
                  "Yes": {"Type": "Pass", "Result": "Yes", "End": true},
                  "No": {"Type": "Pass", "Result": "No", "End": true}}}""".formatted(withNext(rule)), input);

        assertThat(result.output().textValue()).isEqualTo(expected);
    }

    /** Adds Next to the outermost rule object only. */
    private static String withNext(String rule) {
        return rule.substring(0, rule.length() - 1) + ", \"Next\": \"Yes\"}";
    }

    @Test
    void choice_shouldFailWithNoChoiceMatched_whenNothingMatchesAndNoDefault() {
        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "C", "States": {"C": {"Type": "Choice",
                  "Choices": [{"Variable": "$.v", "BooleanEquals": true, "Next": "Y"}]}, "Y": {"Type": "Succeed"}}}""",
                "{\"v\": false}");

        assertThat(result.error()).isEqualTo(ErrorNames.NO_CHOICE_MATCHED);
    }

    @Test
    void parameters_shouldEvaluatePathsInsideArrays() {
        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true,
                  "Parameters": {"tags": [{"Key": "overcast:cluster", "Value.$": "$.cluster"}, "literal"]}}}}""",
                "{\"cluster\": \"c1\"}");

        assertThat(result.output()).isEqualTo(Json.parse("""
                {"tags": [{"Key": "overcast:cluster", "Value": "c1"}, "literal"]}"""));
    }

    @Test
    void execution_shouldTimeOut_atItsTimeoutSeconds_evenInsideALongWait() {
        ExecutionResult result = Machines.run(interpreter, """
                {"TimeoutSeconds": 3600, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 86400, "End": true}}}""",
                "{}");

        assertThat(result.status()).isEqualTo(ExecutionResult.Status.TIMED_OUT);
        assertThat(result.error()).isEqualTo(ErrorNames.TIMEOUT);
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(1)));
    }

    @Test
    void taskTimeout_shouldFailWithStatesTimeout_onTheRealClock() {
        Interpreter live = Machines.interpreter(new RealClock(), Map.of("hang", event -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return event;
        }));

        ExecutionResult result = Machines.run(live, """
                {"StartAt": "T", "States": {"T": {"Type": "Task", "TimeoutSeconds": 1,
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:hang", "End": true}}}""", "{}");

        assertThat(result.error()).isEqualTo(ErrorNames.TIMEOUT);
    }

    @Test
    void jsonataError_shouldRecordEvaluationFailed_beforeExecutionFailed() {
        ExecutionResult result = Machines.run(interpreter, """
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
                  "Output": "{% $nothing %}", "End": true}}}""", "{}");

        assertThat(result.history().stream().map(HistoryEvent::type).toList())
                .containsExactly("ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed");
    }

    @Test
    void stateExited_shouldListTheAssignedVariables_asJsonText() {
        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Assign": {"region": "eu-west-1", "n": 3},
                  "End": true}}}""", "{}");

        HistoryEvent exited = result.history().get(2);
        assertThat(exited.type()).isEqualTo("PassStateExited");
        assertThat(exited.details().get("assignedVariables")).isEqualTo(Json.parse("""
                {"region": "\\"eu-west-1\\"", "n": "3"}"""));
    }

    @Test
    void variables_assignedInsideAMap_shouldNotLeakOut() {
        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Set", "States": {
                  "Set": {"Type": "Pass", "Assign": {"x": "outer"}, "Next": "Each"},
                  "Each": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": null, "Next": "Read",
                    "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass",
                      "Assign": {"x": "inner"}, "End": true}}}},
                  "Read": {"Type": "Pass", "Parameters": {"x.$": "$x"}, "End": true}}}""", "{\"items\": [1, 2]}");

        assertThat(result.output()).isEqualTo(Json.parse("{\"x\": \"outer\"}"));
    }
}
