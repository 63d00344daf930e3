package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.clock.ExecutionClock;
import dev.overcast.asl.task.TaskResources;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entry point: parses definitions against the registered task integrations and runs executions
 * on a clock. One interpreter serves any number of executions, also concurrently.
 */
public final class Interpreter {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/overcast-local-states";

    private final TaskResources tasks;
    private final ExecutionClock clock;
    private final ExecutorService threads;

    public Interpreter(TaskResources tasks, ExecutionClock clock) {
        this.tasks = tasks;
        this.clock = clock;
        AtomicInteger counter = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "asl-branch-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public TaskResources tasks() {
        return tasks;
    }

    public ExecutionClock clock() {
        return clock;
    }

    /** Parses and validates a definition; throws {@link InvalidDefinitionException} listing every problem. */
    public StateMachine parse(JsonNode definition) {
        return StateMachine.parse(definition, resource -> tasks.find(resource).isPresent());
    }

    public static String machineArn(String machineName) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + machineName;
    }

    /** Runs an execution with a generated name to its end. */
    public ExecutionResult execute(StateMachine machine, String machineName, JsonNode input) {
        return execute(machine, machineName, UUID.randomUUID().toString(), input);
    }

    public ExecutionResult execute(StateMachine machine, String machineName, String executionName, JsonNode input) {
        String executionArn = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":execution:" + machineName + ":"
                + executionName;
        return new Execution(this, clock, threads, machineArn(machineName), executionArn, input)
                .run(machine, executionArn);
    }
}
