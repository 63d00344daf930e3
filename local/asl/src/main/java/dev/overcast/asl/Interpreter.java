package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.asl.clock.ExecutionClock;
import dev.overcast.asl.quota.ServiceQuotas;
import dev.overcast.asl.quota.TokenBucket;
import dev.overcast.asl.quota.Usage;
import dev.overcast.asl.task.TaskResources;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The entry point: parses definitions against the registered task integrations and runs executions
 * on a clock. One interpreter serves any number of executions, also concurrently.
 */
public final class Interpreter {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/overcast-local-states";
    /** Whether the current thread already counts as a participant of the clock (a nested execution must not count twice). */
    static final ThreadLocal<Boolean> PARTICIPANT = ThreadLocal.withInitial(() -> false);

    private final TaskResources tasks;
    private final ExecutionClock clock;
    private final ExecutorService threads;
    private final ServiceQuotas quotas;
    private final TokenBucket startExecutions;
    private final Usage usage = new Usage();

    public Interpreter(TaskResources tasks, ExecutionClock clock) {
        this(tasks, clock, ServiceQuotas.defaults());
    }

    public Interpreter(TaskResources tasks, ExecutionClock clock, ServiceQuotas quotas) {
        this.tasks = tasks;
        this.clock = clock;
        this.quotas = quotas;
        this.startExecutions = new TokenBucket(quotas.startExecution(), clock);
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

    public ServiceQuotas quotas() {
        return quotas;
    }

    /** What every execution on this interpreter consumed so far. */
    public Usage usage() {
        return usage;
    }

    /** Takes a StartExecution token: false when the account's StartExecution bucket is empty. */
    public boolean admitStartExecution() {
        return startExecutions.take();
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
        String executionArn = executionArn(machineName, executionName);
        Execution execution = new Execution(this, clock, threads, machineArn(machineName), executionArn, input);
        if (PARTICIPANT.get()) {
            return execution.run(machine, executionArn);
        }
        clock.join();
        return asParticipant(execution, machine, executionArn);
    }

    /**
     * A started execution: its ARN at once, its result when it ends, its history so far (as
     * GetExecutionHistory shows a running execution) and a way to stop it (StopExecution: it ends
     * ABORTED at its next state, or at once in a Wait).
     */
    public record Started(String executionArn, CompletableFuture<ExecutionResult> result,
                          Supplier<List<HistoryEvent>> history, Runnable stop) {
    }

    /** Starts an execution on the interpreter's threads and returns without waiting. */
    public Started start(StateMachine machine, String machineName, String executionName, JsonNode input) {
        String executionArn = executionArn(machineName, executionName);
        Execution execution = new Execution(this, clock, threads, machineArn(machineName), executionArn, input);
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<Thread> runner = new AtomicReference<>();
        clock.join();
        CompletableFuture<ExecutionResult> result = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                if (stopped.get()) {
                    Thread.currentThread().interrupt();
                }
                return asParticipant(execution, machine, executionArn);
            } finally {
                // The pool thread is reused: a stop that came late must not abort its next execution.
                synchronized (runner) {
                    runner.set(null);
                    Thread.interrupted();
                }
            }
        }, threads);
        return new Started(executionArn, result, execution::history, () -> {
            stopped.set(true);
            execution.stop();
            synchronized (runner) {
                Thread thread = runner.get();
                if (thread != null) {
                    thread.interrupt();
                }
            }
        });
    }

    /** Runs an execution on a thread the clock already counts (joined by the caller), leaving at the end. */
    private ExecutionResult asParticipant(Execution execution, StateMachine machine, String executionArn) {
        PARTICIPANT.set(true);
        try {
            return execution.run(machine, executionArn);
        } finally {
            PARTICIPANT.set(false);
            clock.leave();
        }
    }

    private static String executionArn(String machineName, String executionName) {
        return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":execution:" + machineName + ":" + executionName;
    }
}
