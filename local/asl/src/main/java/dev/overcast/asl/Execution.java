package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.clock.ExecutionClock;
import dev.overcast.asl.task.TaskCall;
import dev.overcast.asl.task.TaskResource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/** One running execution: its history, context object, clock and the threads of its Map and Parallel states. */
final class Execution {
    private static final DateTimeFormatter CONTEXT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** AWS's payload limit for inputs, outputs and results. */
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    /** An inline Map without MaxConcurrency runs up to 40 iterations at once, as on AWS. */
    private static final int INLINE_MAP_CONCURRENCY = 40;

    /** One unit of concurrent work: its output, or the error it failed with (both null: not run). */
    record Outcome(JsonNode output, StatesError error) {
    }

    private final Interpreter interpreter;
    private final ExecutionClock clock;
    private final ExecutorService threads;
    private final History history;
    private final ObjectNode executionContext;
    private final ObjectNode machineContext;
    /** StopExecution was asked: no further state starts, whichever thread runs it and whatever a task did with its interrupt. */
    private final AtomicBoolean stopped;
    private Instant deadline;

    /**
     * The work was stopped from outside: a sibling Map iteration or Parallel branch failed, or the
     * caller interrupted the execution. Passes every Retry and Catch, like TimedOut.
     */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super("aborted", null, false, false);
        }
    }

    /** The execution ran past its TimeoutSeconds; ends it from any depth, past every Retry and Catch. */
    static final class TimedOut extends RuntimeException {
        TimedOut() {
            super("execution timed out", null, false, false);
        }
    }

    /**
     * A child workflow of a DISTRIBUTED Map iteration: same execution context, its own history (so a
     * large Map does not count against the parent's 25,000 events, as on AWS).
     */
    Execution child() {
        return new Execution(this);
    }

    private Execution(Execution parent) {
        this.interpreter = parent.interpreter;
        this.clock = parent.clock;
        this.threads = parent.threads;
        this.history = new History(clock);
        this.executionContext = parent.executionContext;
        this.machineContext = parent.machineContext;
        this.stopped = parent.stopped;
        this.deadline = parent.deadline;
    }

    Execution(Interpreter interpreter, ExecutionClock clock, ExecutorService threads, String machineArn,
              String executionArn, JsonNode input) {
        this.interpreter = interpreter;
        this.clock = clock;
        this.threads = threads;
        this.history = new History(clock);
        executionContext = Json.object();
        executionContext.put("Id", executionArn);
        executionContext.set("Input", input);
        executionContext.put("StartTime", contextTime());
        executionContext.put("Name", executionArn.substring(executionArn.lastIndexOf(':') + 1));
        executionContext.put("RoleArn", Interpreter.ROLE_ARN);
        executionContext.put("RedriveCount", 0);
        machineContext = Json.object();
        stopped = new AtomicBoolean();
        machineContext.put("Id", machineArn);
        machineContext.put("Name", machineArn.substring(machineArn.lastIndexOf(':') + 1));
    }

    ExecutionResult run(StateMachine machine, String executionArn) {
        ExecutionResult result = runToEnd(machine, executionArn);
        interpreter.usage().executionEnded(result.history().size());
        return result;
    }

    /**
     * Runs a Distributed Map iteration as its child workflow execution: the child's own history opens
     * with ExecutionStarted and closes with the execution's end, as AWS records a child execution.
     */
    JsonNode runChild(StateMachine processor, JsonNode input, Variables variables) {
        ObjectNode started = Json.object();
        started.put("input", Json.write(input));
        started.put("roleArn", Interpreter.ROLE_ARN);
        history.add("ExecutionStarted", 0, started);
        try {
            JsonNode output = runStates(processor, input, variables);
            ObjectNode succeeded = Json.object();
            succeeded.put("output", Json.write(output));
            history.addFinal("ExecutionSucceeded", succeeded);
            return output;
        } catch (StatesError e) {
            ObjectNode failed = Json.object();
            failed.put("error", e.error());
            failed.put("cause", e.cause());
            history.addFinal("ExecutionFailed", failed);
            throw e;
        } finally {
            interpreter.usage().executionEnded(history.events().size());
        }
    }

    private ExecutionResult runToEnd(StateMachine machine, String executionArn) {
        JsonNode input = executionContext.get("Input");
        ObjectNode started = Json.object();
        started.put("input", Json.write(input));
        started.put("roleArn", Interpreter.ROLE_ARN);
        if (machine.timeoutSeconds() != null) {
            deadline = clock.instant().plusSeconds(machine.timeoutSeconds());
        }
        history.add("ExecutionStarted", 0, started);
        try {
            checkSize("execution input", input);
            JsonNode output = runStates(machine, input, Variables.root());
            ObjectNode succeeded = Json.object();
            succeeded.put("output", Json.write(output));
            history.addFinal("ExecutionSucceeded", succeeded);
            return new ExecutionResult(executionArn, ExecutionResult.Status.SUCCEEDED, output, null, null,
                    history.events());
        } catch (StatesError e) {
            if (stopped.get()) {
                // The stop cut a task short and its error ended the execution: the stop is what happened.
                return aborted(executionArn);
            }
            ObjectNode failed = Json.object();
            failed.put("error", e.error());
            failed.put("cause", e.cause());
            history.addFinal("ExecutionFailed", failed);
            return new ExecutionResult(executionArn, ExecutionResult.Status.FAILED, null, e.error(), e.cause(),
                    history.events());
        } catch (Aborted e) {
            return aborted(executionArn);
        } catch (TimedOut e) {
            ObjectNode timedOut = Json.object();
            timedOut.put("error", ErrorNames.TIMEOUT);
            timedOut.put("cause", "The execution exceeded its TimeoutSeconds.");
            history.addFinal("ExecutionTimedOut", timedOut);
            return new ExecutionResult(executionArn, ExecutionResult.Status.TIMED_OUT, null, ErrorNames.TIMEOUT,
                    timedOut.get("cause").textValue(), history.events());
        }
    }

    private ExecutionResult aborted(String executionArn) {
        history.addFinal("ExecutionAborted", Json.object());
        return new ExecutionResult(executionArn, ExecutionResult.Status.ABORTED, null, null, null, history.events());
    }

    /** Runs the states of a machine, branch or item processor from its StartAt to its end. */
    JsonNode runStates(StateMachine machine, JsonNode input, Variables variables) {
        String current = machine.startAt();
        JsonNode data = input;
        while (true) {
            if (deadline != null && clock.instant().isAfter(deadline)) {
                throw new TimedOut();
            }
            if (Thread.currentThread().isInterrupted() || stopped.get()) {
                throw new Aborted();
            }
            State state = machine.state(current);
            ObjectNode entered = Json.object();
            entered.put("name", state.name);
            String enteredInput = Json.write(data);
            entered.put("input", enteredInput);
            interpreter.usage().payload(enteredInput.length());
            long enteredId = event(state.type + "StateEntered", entered);
            Step step = new Step(this, variables, context(state.name), enteredId);
            Transition transition;
            try {
                transition = state.run(step, data);
            } catch (StatesError e) {
                StatesError located = e.inState(state.name, enteredId);
                if (ErrorNames.QUERY_EVALUATION_ERROR.equals(located.error())) {
                    ObjectNode failed = Json.object();
                    failed.put("error", located.error());
                    failed.put("cause", located.cause());
                    failed.put("state", state.name);
                    event("EvaluationFailed", failed);
                }
                throw located;
            }
            ObjectNode exited = Json.object();
            exited.put("name", state.name);
            String exitedOutput = Json.write(transition.output());
            exited.put("output", exitedOutput);
            interpreter.usage().payload(exitedOutput.length());
            interpreter.usage().transition();
            Map<String, JsonNode> assigned = variables.takeAssigned();
            if (!assigned.isEmpty()) {
                ObjectNode shown = exited.putObject("assignedVariables");
                assigned.forEach((name, value) -> shown.put(name, Json.write(value)));
            }
            event(state.type + "StateExited", exited);
            if (!interpreter.quotas().stateTransition().isZero()) {
                sleep(interpreter.quotas().stateTransition());
            }
            if (transition.next() == null) {
                return transition.output();
            }
            current = transition.next();
            data = transition.output();
        }
    }

    private ObjectNode context(String stateName) {
        ObjectNode context = Json.object();
        context.set("Execution", executionContext);
        context.set("StateMachine", machineContext);
        ObjectNode state = context.putObject("State");
        state.put("Name", stateName);
        state.put("EnteredTime", contextTime());
        return context;
    }

    /** How many child executions a Distributed Map may run at once in this account. */
    int distributedMapConcurrency() {
        return interpreter.quotas().distributedMapConcurrency();
    }

    /** Asks the execution to stop at its next state (the caller also interrupts its thread to cut a Wait or task short). */
    void stop() {
        stopped.set(true);
    }

    /** The events so far; safe to read while the execution runs. */
    List<HistoryEvent> history() {
        return history.events();
    }

    long event(String type, ObjectNode details) {
        return history.add(type, history.lastId(), details);
    }

    Instant now() {
        return clock.instant();
    }

    void sleep(Duration duration) {
        sleepUntil(clock.instant().plus(duration));
    }

    /** Sleeps on the clock; a sleep past the execution's time limit ends the execution at the limit. */
    void sleepUntil(Instant until) {
        try {
            if (deadline != null && until.isAfter(deadline)) {
                clock.sleepUntil(deadline);
                throw new TimedOut();
            }
            clock.sleepUntil(until);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Aborted();
        }
    }

    /** A result over 256 KiB fails the state with States.DataLimitExceeded, as on AWS. */
    void checkSize(String stateName, JsonNode value) {
        if (Json.utf8Size(value) > MAX_PAYLOAD_BYTES) {
            throw new StatesError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + stateName
                    + "' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    /**
     * Runs a task. A synchronous integration sends no heartbeats, so HeartbeatSeconds (when set) acts as
     * a second, shorter limit that fails with States.HeartbeatTimeout instead of States.Timeout.
     */
    JsonNode invokeTask(String stateName, String resource, JsonNode parameters, long timeoutSeconds,
                        Long heartbeatSeconds) {
        TaskResource handler = interpreter.tasks().find(resource).orElseThrow(() -> StatesError.runtime(
                "No integration handles the resource '" + resource + "'."));
        ObjectNode scheduled = taskEvent(handler, resource);
        scheduled.put("region", Interpreter.REGION);
        scheduled.put("parameters", Json.write(parameters));
        scheduled.put("timeoutInSeconds", timeoutSeconds);
        if (heartbeatSeconds != null) {
            scheduled.put("heartbeatInSeconds", heartbeatSeconds);
        }
        boolean heartbeatFirst = heartbeatSeconds != null && heartbeatSeconds < timeoutSeconds;
        long limit = heartbeatFirst ? heartbeatSeconds : timeoutSeconds;
        event("TaskScheduled", scheduled);
        event("TaskStarted", taskEvent(handler, resource));
        JsonNode result;
        try {
            result = clock.within(Duration.ofSeconds(limit), () -> underQuota(handler, resource, parameters));
        } catch (TimeoutException e) {
            String error = heartbeatFirst ? ErrorNames.HEARTBEAT_TIMEOUT : ErrorNames.TIMEOUT;
            ObjectNode timedOut = taskEvent(handler, resource);
            timedOut.put("error", error);
            event("TaskTimedOut", timedOut);
            throw new StatesError(error, "The task '" + stateName + "' " + (heartbeatFirst ? "sent no heartbeat for "
                    : "timed out after ") + limit + " seconds.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Aborted();
        } catch (StatesError e) {
            ObjectNode failed = taskEvent(handler, resource);
            failed.put("error", e.error());
            failed.put("cause", e.cause());
            event("TaskFailed", failed);
            throw e;
        } catch (Exception e) {
            ObjectNode failed = taskEvent(handler, resource);
            failed.put("error", ErrorNames.TASK_FAILED);
            failed.put("cause", String.valueOf(e));
            event("TaskFailed", failed);
            throw new StatesError(ErrorNames.TASK_FAILED, String.valueOf(e));
        }
        ObjectNode succeeded = taskEvent(handler, resource);
        succeeded.put("output", Json.write(result));
        event("TaskSucceeded", succeeded);
        return result;
    }

    /**
     * Calls the integration within the account's quotas: a Lambda needs one of the region's concurrent
     * executions (its overhead and time are recorded), a StartExecution a token of its bucket. A refused
     * call fails the task with the error AWS's integration reports, which a Retry can wait out.
     */
    private JsonNode underQuota(TaskResource handler, String resource, JsonNode parameters) {
        TaskCall call = new TaskCall(resource, parameters, interpreter);
        String type = handler.resourceType(resource);
        if (type.equals("states") && resource.contains(":startExecution") && !interpreter.admitStartExecution()) {
            throw throttled(ErrorNames.STEP_FUNCTIONS_THROTTLED, "Rate exceeded (Service: Sfn, Status Code: 400, "
                    + "Error Code: ThrottlingException)");
        }
        if (!type.equals("lambda")) {
            return handler.invoke(call);
        }
        if (!interpreter.usage().lambdaStarted(interpreter.quotas().lambdaConcurrency())) {
            throw throttled(ErrorNames.LAMBDA_THROTTLED, "Rate Exceeded. (Service: Lambda, Status Code: 429, "
                    + "Error Code: TooManyRequestsException)");
        }
        Instant start = clock.instant();
        try {
            if (!interpreter.quotas().lambdaInvocation().isZero()) {
                sleep(interpreter.quotas().lambdaInvocation());
            }
            return handler.invoke(call);
        } finally {
            String function = parameters.path("FunctionName").asText(resource);
            interpreter.usage().lambdaEnded(function, Duration.between(start, clock.instant()).toMillis());
        }
    }

    private StatesError throttled(String error, String cause) {
        interpreter.usage().throttled(error);
        return new StatesError(error, cause);
    }

    private static ObjectNode taskEvent(TaskResource handler, String resource) {
        ObjectNode details = Json.object();
        details.put("resourceType", handler.resourceType(resource));
        String prefix = "arn:aws:states:::";
        details.put("resource", resource.startsWith(prefix)
                ? resource.substring(resource.indexOf(':', prefix.length()) + 1) : resource);
        return details;
    }

    /**
     * Runs {@code count} units of work on up to {@code maxConcurrency} threads (0: the inline default)
     * and stops once more than {@code tolerated} have failed: no new ones start and the running ones are
     * aborted (interrupted), as AWS aborts the other branches and iterations. The calling thread waits;
     * for the clock, the last worker to finish hands its participation back to it, so time never jumps
     * while the caller is about to continue.
     */
    List<Outcome> runAll(int count, int maxConcurrency, int tolerated, IntFunction<JsonNode> work) {
        if (count == 0) {
            return List.of();
        }
        Outcome[] outcomes = new Outcome[count];
        int workers = Math.min(count, maxConcurrency == 0 ? INLINE_MAP_CONCURRENCY : maxConcurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger running = new AtomicInteger(workers);
        AtomicReference<TimedOut> timedOut = new AtomicReference<>();
        Set<Thread> active = new HashSet<>();
        CountDownLatch done = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
            clock.join();
        }
        clock.leave();
        for (int i = 0; i < workers; i++) {
            threads.execute(() -> {
                Interpreter.PARTICIPANT.set(true);
                synchronized (active) {
                    active.add(Thread.currentThread());
                }
                try {
                    int index;
                    while (failures.get() <= tolerated && (index = next.getAndIncrement()) < count) {
                        outcomes[index] = attempt(work, index);
                        if (outcomes[index].error() != null && failures.incrementAndGet() > tolerated) {
                            abort(active);
                        }
                    }
                } catch (TimedOut e) {
                    timedOut.set(e);
                    failures.set(Integer.MAX_VALUE);
                    abort(active);
                } finally {
                    synchronized (active) {
                        active.remove(Thread.currentThread());
                    }
                    // An abort aimed at this work must not reach the pool thread's next task.
                    Thread.interrupted();
                    Interpreter.PARTICIPANT.set(false);
                    if (running.decrementAndGet() > 0) {
                        clock.leave();
                    }
                    done.countDown();
                }
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            abort(active);
            awaitUninterruptibly(done);
            Thread.currentThread().interrupt();
            throw new Aborted();
        }
        if (timedOut.get() != null) {
            throw timedOut.get();
        }
        return Arrays.stream(outcomes).map(o -> o == null ? new Outcome(null, null) : o).toList();
    }

    private void abort(Set<Thread> active) {
        synchronized (active) {
            active.stream().filter(t -> t != Thread.currentThread()).forEach(clock::wake);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome attempt(IntFunction<JsonNode> work, int index) {
        try {
            return new Outcome(work.apply(index), null);
        } catch (StatesError e) {
            return new Outcome(null, e);
        } catch (TimedOut e) {
            throw e;
        } catch (Aborted e) {
            return new Outcome(null, null);
        } catch (RuntimeException e) {
            return new Outcome(null, new StatesError(ErrorNames.RUNTIME, String.valueOf(e)));
        }
    }

    /** Context-object times as AWS writes them: ISO 8601 in UTC with exactly three fraction digits. */
    private String contextTime() {
        return CONTEXT_TIME.format(clock.instant());
    }
}
