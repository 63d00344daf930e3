package dev.overcast.runtime.up;

import dev.overcast.asl.HistoryEvent;
import dev.overcast.endpoints.stepfunctions.StepFunctionsEndpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every state each flow enters, and how it ended, one readable line each
 * ({@code create-cluster demo-create-1a2b3c4d › Converge}). It follows the executions started through
 * the Step Functions endpoint by reading their history a few times a second, so the interpreter
 * needs no logging hook of its own.
 */
final class FlowLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("overcast.flows");
    private static final long POLL_MILLIS = 200;

    private final Map<StepFunctionsEndpoint.Execution, Integer> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "flow-log");
        thread.setDaemon(true);
        return thread;
    });

    FlowLog() {
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void follow(StepFunctionsEndpoint.Execution execution) {
        LOG.info("{} {} started", execution.machineName(), execution.name());
        seen.put(execution, 0);
    }

    private void poll() {
        seen.forEach((execution, logged) -> {
            boolean done = execution.started().result().isDone();
            var events = execution.started().history().get();
            for (HistoryEvent event : events.subList(logged, events.size())) {
                line(execution, event);
            }
            if (done) {
                seen.remove(execution);
            } else {
                seen.put(execution, events.size());
            }
        });
    }

    private static void line(StepFunctionsEndpoint.Execution execution, HistoryEvent event) {
        String flow = execution.machineName() + " " + execution.name();
        switch (event.type()) {
            case "ExecutionSucceeded" -> LOG.info("{} succeeded", flow);
            case "ExecutionFailed" -> LOG.warn("{} failed: {}: {}", flow, event.details().path("error").asText(),
                    event.details().path("cause").asText());
            case "ExecutionAborted" -> LOG.info("{} stopped", flow);
            case "ExecutionTimedOut" -> LOG.warn("{} timed out", flow);
            default -> {
                if (event.type().endsWith("StateEntered")) {
                    LOG.info("{} › {}", flow, event.details().path("name").asText());
                }
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
