package dev.overcast.asl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.asl.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClockTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void wait_shouldAdvanceVirtualTimeOnly_whenClockIsVirtual() {
        VirtualClock clock = new VirtualClock(START);
        Interpreter interpreter = Machines.interpreter(clock, Map.of());

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Gateway", "States": {"Gateway": {"Type": "Wait", "Seconds": 2700, "End": true}}}""", "{}");

        assertThat(result.succeeded()).isTrue();
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(45)));
    }

    @Test
    void contextTimes_shouldBeUtcWithMilliseconds_asAwsWritesThem() {
        VirtualClock clock = new VirtualClock(START.plusNanos(1_234_567));
        Interpreter interpreter = Machines.interpreter(clock, Map.of());

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Later", "States": {
                  "Later": {"Type": "Wait", "Seconds": 90, "Next": "Times"},
                  "Times": {"Type": "Pass", "End": true,
                            "Parameters": {"started.$": "$$.Execution.StartTime", "entered.$": "$$.State.EnteredTime"}}}}""",
                "{}");

        assertThat(result.output().get("started").asText()).isEqualTo("2026-01-01T00:00:00.001Z");
        assertThat(result.output().get("entered").asText()).isEqualTo("2026-01-01T00:01:30.001Z");
    }

    @Test
    void parallelWaits_shouldOverlap_whenBranchesWaitConcurrently() {
        VirtualClock clock = new VirtualClock(START);
        Interpreter interpreter = Machines.interpreter(clock, Map.of());

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Ten", "States": {"Ten": {"Type": "Wait", "Seconds": 600, "Next": "TenMore"},
                                                "TenMore": {"Type": "Wait", "Seconds": 600, "End": true}}},
                  {"StartAt": "Fifteen", "States": {"Fifteen": {"Type": "Wait", "Seconds": 900, "End": true}}}]}}}""",
                "{}");

        assertThat(result.succeeded()).isTrue();
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(20)));
    }

    @Test
    void failingBranch_shouldAbortTheOthers_withoutWaitingForTheirWaits() {
        VirtualClock clock = new VirtualClock(START);
        Interpreter interpreter = Machines.interpreter(clock, Map.of());

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 3600, "End": true}}},
                  {"StartAt": "Broken", "States": {"Broken": {"Type": "Fail", "Error": "GatewayFailed"}}}]}}}""",
                "{}");

        assertThat(result.error()).isEqualTo("GatewayFailed");
        assertThat(clock.instant()).isBefore(START.plus(Duration.ofHours(1)));
    }

    @Test
    void retryIntervals_shouldFollowBackoffOnTheClock_whenTaskKeepsFailing() {
        VirtualClock clock = new VirtualClock(START);
        Interpreter interpreter = Machines.interpreter(clock, Map.of("flaky", Machines.failing("Busy", "try later")));

        ExecutionResult result = Machines.run(interpreter, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "flaky"}, "End": true,
                  "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 3, "MaxAttempts": 3, "BackoffRate": 2}]}}}""",
                "{}");

        assertThat(result.error()).isEqualTo("Busy");
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(3 + 6 + 12));
        assertThat(result.history().stream().filter(e -> e.type().equals("TaskFailed")).count()).isEqualTo(4);
    }

    @Test
    void maxDelaySeconds_shouldCapTheBackoff() {
        VirtualClock clock = new VirtualClock(START);
        Interpreter interpreter = Machines.interpreter(clock, Map.of("flaky", Machines.failing("Busy", "try later")));

        Machines.run(interpreter, """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "flaky"}, "End": true,
                  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 10, "MaxAttempts": 3,
                             "BackoffRate": 10, "MaxDelaySeconds": 60}]}}}""", "{}");

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(10 + 60 + 60));
    }

    @Test
    void virtualClock_shouldServeAsInstantSource_forOtherComponents() {
        VirtualClock clock = new VirtualClock(START);
        java.time.InstantSource source = clock;

        clock.advanceTo(START.plusSeconds(5));

        assertThat(source.instant()).isEqualTo(START.plusSeconds(5));
    }
}
