package dev.overcast.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.clock.RealClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StartedExecutionTest {
    private static final String GATED = """
            {"StartAt": "Gate", "States": {
              "Gate": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:gate", "Next": "Long"},
              "Long": {"Type": "Wait", "Seconds": 3600, "End": true}}}""";

    @Test
    void history_shouldShowTheStatesSoFar_whileTheExecutionRuns() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(1);
        Interpreter interpreter = Machines.interpreter(new RealClock(), Map.of("gate", gate(entered, open)));

        Interpreter.Started started = interpreter.start(interpreter.parse(Json.parse(GATED)), "test", "one", Json.object());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(started.history().get()).extracting(HistoryEvent::type)
                .contains("ExecutionStarted", "TaskStateEntered").doesNotContain("ExecutionSucceeded");
        assertThat(started.result()).isNotDone();
        started.stop().run();
        open.countDown();
        assertThat(started.result().get(10, TimeUnit.SECONDS).status()).isEqualTo(ExecutionResult.Status.ABORTED);
    }

    @Test
    void stop_shouldAbortTheExecution_inTheMiddleOfAWait() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(0);
        Interpreter interpreter = Machines.interpreter(new RealClock(), Map.of("gate", gate(entered, open)));
        Interpreter.Started started = interpreter.start(interpreter.parse(Json.parse(GATED)), "test", "two", Json.object());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> started.history().get().stream().anyMatch(e -> e.type().equals("WaitStateEntered")));

        started.stop().run();

        ExecutionResult result = started.result().get(10, TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(ExecutionResult.Status.ABORTED);
        assertThat(result.history()).last().extracting(HistoryEvent::type).isEqualTo("ExecutionAborted");
    }

    private static Function<JsonNode, JsonNode> gate(CountDownLatch entered, CountDownLatch open) {
        return input -> {
            entered.countDown();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return input;
        };
    }
}
