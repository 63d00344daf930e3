package dev.overcast.asl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.clock.VirtualClock;
import dev.overcast.asl.quota.ServiceQuotas;
import dev.overcast.asl.quota.TokenBucket;
import dev.overcast.asl.task.StartExecution;
import dev.overcast.asl.task.TaskResources;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The Step Functions and Lambda quotas the interpreter enforces, each failing the way AWS fails it. */
class QuotaTest {
    private static final String THREE_AT_ONCE = """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 3, "End": true,
              "ItemProcessor": {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:000000000000:function:slow", %s "End": true}}}}}}""";
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** A function that takes ten virtual seconds, so invocations started together overlap. */
    private Function<JsonNode, JsonNode> slow() {
        return event -> {
            try {
                clock.sleepUntil(clock.instant().plusSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return event;
        };
    }

    @Test
    void lambda_shouldBeThrottled_beyondTheRegionsConcurrency() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of("slow", slow()),
                ServiceQuotas.defaults().withLambdaConcurrency(2));

        ExecutionResult result = Machines.run(interpreter, THREE_AT_ONCE.formatted(""), "[1, 2, 3]");

        assertThat(result.error()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(result.cause()).contains("Status Code: 429");
        assertThat(interpreter.usage().peakLambdaConcurrency()).isEqualTo(2);
        assertThat(interpreter.usage().throttled()).containsEntry("Lambda.TooManyRequestsException", 1L);
    }

    @Test
    void lambdaThrottling_shouldBeRetriable_likeAnyTaskError() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of("slow", slow()),
                ServiceQuotas.defaults().withLambdaConcurrency(2));

        ExecutionResult result = Machines.run(interpreter, THREE_AT_ONCE.formatted("""
                "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 5, "MaxAttempts": 3}],"""),
                "[1, 2, 3]");

        assertThat(result.succeeded()).as("%s %s", result.error(), result.cause()).isTrue();
        assertThat(result.output()).isEqualTo(Json.parse("[1, 2, 3]"));
        assertThat(interpreter.usage().lambdaInvocations()).isEqualTo(3);
    }

    @Test
    void startExecution_shouldBeThrottled_whenItsBucketIsEmpty_andRefillOnTheClock() {
        StartExecution children = new StartExecution();
        Interpreter interpreter = new Interpreter(TaskResources.none().with(children), clock,
                ServiceQuotas.defaults().withStartExecution(new TokenBucket.Limit(2, 1)));
        children.register(Interpreter.machineArn("child"), interpreter.parse(Json.parse("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""")));
        String definition = """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "Start", "States": {"Start": {"Type": "Task",
                    "Resource": "arn:aws:states:::states:startExecution.sync:2", %s
                    "Parameters": {"StateMachineArn": "arn:aws:states:us-east-1:000000000000:stateMachine:child"},
                    "End": true}}}}}}""";

        ExecutionResult throttled = Machines.run(interpreter, definition.formatted(""), "[1, 2, 3]");
        clock.advanceTo(clock.instant().plusSeconds(10));
        ExecutionResult retried = Machines.run(interpreter, definition.formatted("""
                "Retry": [{"ErrorEquals": ["StepFunctions.ThrottlingException"], "IntervalSeconds": 1, "MaxAttempts": 5}],"""),
                "[1, 2, 3]");

        assertThat(throttled.error()).isEqualTo("StepFunctions.ThrottlingException");
        assertThat(retried.succeeded()).as("%s %s", retried.error(), retried.cause()).isTrue();
    }

    @Test
    void distributedMap_shouldKeepEachIterationsHistoryOutOfTheParents() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of());
        String definition = """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 40, "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "%s", "ExecutionType": "STANDARD"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "End": true}}}}}}""";
        String items = Json.write(Json.NODES.arrayNode().addAll(java.util.stream.IntStream.range(0, 7_000)
                .mapToObj(Json.NODES::numberNode).toList()));

        ExecutionResult inline = Machines.run(interpreter, definition.formatted("INLINE"), items);
        ExecutionResult distributed = Machines.run(interpreter, definition.formatted("DISTRIBUTED"), items);

        assertThat(inline.error()).isEqualTo(ErrorNames.RUNTIME);
        assertThat(inline.cause()).contains("maximum number of history events");
        assertThat(distributed.succeeded()).as("%s %s", distributed.error(), distributed.cause()).isTrue();
        assertThat(distributed.output()).hasSize(7_000);
        assertThat(distributed.history()).extracting(HistoryEvent::type).containsExactly("ExecutionStarted",
                "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded",
                "MapStateExited", "ExecutionSucceeded");
        // Each child: ExecutionStarted, PassStateEntered, PassStateExited, ExecutionSucceeded.
        assertThat(interpreter.usage().executions()).isEqualTo(2 + 7_000);
    }

    @Test
    void itemBatcher_shouldGiveEachBatchOfItemsToOneChildExecution_withTheBatchInput() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of());

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.ids", "End": true,
                  "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""",
                """
                {"run": "r1", "ids": ["a", "b", "c", "d", "e"]}""");

        assertThat(result.output()).isEqualTo(Json.parse("""
                [{"Items": ["a", "b"], "BatchInput": {"run": "r1"}}, {"Items": ["c", "d"], "BatchInput": {"run": "r1"}},
                 {"Items": ["e"], "BatchInput": {"run": "r1"}}]"""));
    }

    @Test
    void itemBatcher_shouldBeRefused_inAnInlineMap() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> interpreter.parse(Json.parse("""
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true, "ItemBatcher": {"MaxItemsPerBatch": 2},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("'ItemBatcher' is only allowed in a Map whose ProcessorConfig.Mode is DISTRIBUTED");
    }

    @Test
    void overheads_shouldCostVirtualTime_perTransitionAndPerLambdaInvocation() {
        Interpreter interpreter = Machines.interpreter(clock, Map.of("echo", e -> e),
                ServiceQuotas.defaults().withOverheads(Duration.ofMillis(25), Duration.ofMillis(20)));
        Instant start = clock.instant();

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:echo", "Next": "Done"},
                  "Done": {"Type": "Pass", "End": true}}}""", "{}");

        assertThat(result.succeeded()).isTrue();
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofMillis(25 + 20 + 25));
        assertThat(interpreter.usage().transitions()).isEqualTo(2);
        assertThat(interpreter.usage().lambdaMillisByFunction()).containsEntry(
                "arn:aws:lambda:us-east-1:000000000000:function:echo", 20L);
    }
}
