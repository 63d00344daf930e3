package dev.overcast.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.clock.VirtualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TaskTest {
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void lambdaInvoke_shouldWrapTheOutputInAwsEnvelope_andResolveFunctionNameFromInput() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of("double", e ->
                Json.NODES.numberNode(e.get("n").intValue() * 2)));

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName.$": "$.fn", "Payload": {"n.$": "$.n"}},
                  "ResultSelector": {"value.$": "$.Payload", "status.$": "$.StatusCode"}, "ResultPath": "$.result",
                  "End": true}}}""", """
                {"fn": "arn:aws:lambda:us-east-1:000000000000:function:double", "n": 21}""");

        assertThat(result.output().get("result")).isEqualTo(Json.parse("{\"value\": 42, \"status\": 200}"));
    }

    @Test
    void functionError_shouldSurfaceWithItsErrorType_andLambdaErrorPayloadAsCause() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of("quota",
                Machines.failing("QuotaExceededException", "no more vCPUs in eu-west-1")));

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:quota", "End": true}}}""", "{}");

        assertThat(result.error()).isEqualTo("QuotaExceededException");
        assertThat(Json.parse(result.cause())).isEqualTo(Json.parse("""
                {"errorMessage": "no more vCPUs in eu-west-1", "errorType": "QuotaExceededException", "stackTrace": []}"""));
    }

    @Test
    void catch_shouldPlaceErrorOutputAtResultPath_afterRetriesAreExhausted() {
        AtomicInteger calls = new AtomicInteger();
        Interpreter interpreter = Machines.interpreter(clock, Map.of("flaky", e -> {
            calls.incrementAndGet();
            throw new dev.overcast.asl.task.FunctionError("Throttled", "slow down");
        }));

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"FunctionName": "flaky"}, "Next": "Done",
                    "Retry": [{"ErrorEquals": ["Throttled"], "MaxAttempts": 2}],
                    "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.failure", "Next": "Recorded"}]},
                  "Recorded": {"Type": "Pass", "End": true},
                  "Done": {"Type": "Succeed"}}}""", "{\"cluster\": \"c1\"}");

        assertThat(calls).hasValue(3);
        assertThat(result.output().get("cluster").textValue()).isEqualTo("c1");
        assertThat(result.output().at("/failure/Error").textValue()).isEqualTo("Throttled");
    }

    @Test
    void contextObject_shouldShowTheTaskRetryCount() {
        AtomicInteger calls = new AtomicInteger();
        Interpreter interpreter = Machines.interpreter(clock, Map.of("second-time-lucky", event -> {
            if (calls.incrementAndGet() == 1) {
                throw new dev.overcast.asl.task.FunctionError("Flaky", "first call fails");
            }
            return event;
        }));

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:second-time-lucky",
                  "Parameters": {"retry.$": "$$.State.RetryCount"},
                  "Retry": [{"ErrorEquals": ["Flaky"]}], "End": true}}}""", "{}");

        assertThat(result.output()).isEqualTo(Json.parse("{\"retry\": 1}"));
    }

    @Test
    void statesAll_shouldNotCatchDataLimitExceeded() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of("big", e ->
                Json.NODES.textNode("x".repeat(300 * 1024))));

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:big",
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Succeed"}}}""", "{}");

        assertThat(result.error()).isEqualTo(ErrorNames.DATA_LIMIT_EXCEEDED);
    }

    @Test
    void map_shouldRunIterationsConcurrently_upToMaxConcurrency() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CyclicBarrier three = new CyclicBarrier(3);
        Function<JsonNode, JsonNode> meet = item -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                three.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("iterations did not run three at a time", e);
            } finally {
                running.decrementAndGet();
            }
            return item;
        };
        Interpreter interpreter = Machines.interpreter(clock, Map.of("meet", meet));

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 3, "End": true,
                  "ItemProcessor": {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:000000000000:function:meet", "End": true}}}}}}""",
                "[1, 2, 3, 4, 5, 6, 7, 8, 9]");

        assertThat(result.succeeded()).as("%s %s", result.error(), result.cause()).isTrue();
        assertThat(result.output()).isEqualTo(Json.parse("[1, 2, 3, 4, 5, 6, 7, 8, 9]"));
        assertThat(most).hasValue(3);
    }

    @Test
    void map_shouldFailWithThresholdError_whenMoreItemsFailThanTolerated() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of());

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ToleratedFailureCount": 1, "End": true,
                  "ItemProcessor": {"StartAt": "Check", "States": {
                    "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 1, "Next": "Bad"}],
                              "Default": "Good"},
                    "Bad": {"Type": "Fail", "Error": "TooBig"}, "Good": {"Type": "Succeed"}}}}}}""", "[1, 2, 3]");

        assertThat(result.error()).isEqualTo(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD);
    }

    @Test
    void history_shouldRecordAwsEventTypes_inOrder() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of("echo", e -> e));

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:echo", "End": true}}}""", "{}");

        List<String> types = result.history().stream().map(HistoryEvent::type).toList();
        assertThat(types).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        assertThat(result.history().get(2).details().get("resourceType").textValue()).isEqualTo("lambda");
    }

    @Test
    void execution_shouldFail_whenHistoryReaches25000Events() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of());

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Again", "States": {"Again": {"Type": "Pass", "Next": "Again"}}}""", "{}");

        assertThat(result.error()).isEqualTo(ErrorNames.RUNTIME);
        assertThat(result.history()).hasSize(History.MAX_EVENTS);
        assertThat(result.history().get(History.MAX_EVENTS - 1).type()).isEqualTo("ExecutionFailed");
    }

    @Test
    void startExecutionSync2_shouldRunTheChildMachine_andReturnItsOutputAsJson() {
        dev.overcast.asl.task.StartExecution children = new dev.overcast.asl.task.StartExecution();
        Interpreter interpreter = new Interpreter(dev.overcast.asl.task.TaskResources.none().with(children), clock);
        children.register(Interpreter.machineArn("child"), interpreter.parse(Json.parse("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "Next": "P"},
                  "P": {"Type": "Pass", "Parameters": {"got.$": "$.value"}, "End": true}}}""")));

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Child", "States": {"Child": {"Type": "Task",
                  "Resource": "arn:aws:states:::states:startExecution.sync:2",
                  "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:child",
                                 "Input": {"value": 7}},
                  "OutputPath": "$.Output", "End": true}}}""", "{}");

        assertThat(result.output()).isEqualTo(Json.parse("{\"got\": 7}"));
    }
}
