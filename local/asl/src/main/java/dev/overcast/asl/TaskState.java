package dev.overcast.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Task: runs a resource through the integration registered for it, under Retry, Catch and TimeoutSeconds. */
final class TaskState extends State {
    private static final Set<String> FIELDS = Set.of("Resource", "InputPath", "OutputPath", "Parameters",
            "ResultSelector", "ResultPath", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
            "HeartbeatSecondsPath", "Retry", "Catch", "Assign", "Arguments", "Output");
    private static final int DEFAULT_TIMEOUT_SECONDS = 99_999_999;
    final String resource;
    private final JsonNode timeoutSeconds;
    private final String timeoutSecondsPath;
    private final JsonataTemplate timeoutExpression;
    private final Long heartbeatSeconds;

    TaskState(String name, Fields fields, boolean jsonata) {
        super(name, fields, jsonata, FIELDS, false);
        resource = fields.requiredString("Resource");
        if (resource != null && resource.endsWith(".waitForTaskToken")) {
            fields.error("callback tasks ('.waitForTaskToken') are not supported by the local interpreter");
        }
        timeoutSeconds = fields.raw("TimeoutSeconds");
        timeoutSecondsPath = jsonata ? null : fields.optionalPath("TimeoutSecondsPath");
        timeoutExpression = jsonata && JsonataTemplate.isExpression(timeoutSeconds)
                ? JsonataTemplate.compile(timeoutSeconds, "TimeoutSeconds", fields.where(), fields.errors()) : null;
        if (timeoutSeconds != null && !JsonataTemplate.isExpression(timeoutSeconds)
                && (!timeoutSeconds.isIntegralNumber() || timeoutSeconds.longValue() < 1)) {
            fields.error("'TimeoutSeconds' must be a positive integer");
        }
        JsonNode heartbeat = fields.raw("HeartbeatSeconds");
        heartbeatSeconds = heartbeat != null && heartbeat.isIntegralNumber() ? heartbeat.longValue() : null;
        if (fields.has("HeartbeatSecondsPath")) {
            fields.error("'HeartbeatSecondsPath' is not supported by the local interpreter");
        }
        if (JsonataTemplate.isExpression(heartbeat)) {
            fields.error("a JSONata expression in 'HeartbeatSeconds' is not supported by the local interpreter");
        } else if (heartbeat != null && (!heartbeat.isIntegralNumber() || heartbeat.longValue() < 1)) {
            fields.error("'HeartbeatSeconds' must be a positive integer");
        } else if (heartbeat != null && timeoutSeconds != null && timeoutSeconds.isIntegralNumber()
                && heartbeat.longValue() >= timeoutSeconds.longValue()) {
            fields.error("'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'");
        }
    }

    @Override
    Transition run(Step step, JsonNode input) {
        return guarded(step, input, () -> {
            JsonNode parameters = jsonata ? jsonataArguments(step, input) : effectiveInput(step, input);
            JsonNode result = step.execution().invokeTask(name, resource, parameters, timeout(step, input),
                    heartbeatSeconds);
            return to(jsonata ? finishJsonata(step, input, result, true) : finish(step, input, result));
        });
    }

    /** AWS shows a Task's retry count in the context object as {@code $$.State.RetryCount}. */
    @Override
    void beforeAttempt(Step step, int retries) {
        ((ObjectNode) step.context().get("State")).put("RetryCount", retries);
    }

    private long timeout(Step step, JsonNode input) {
        if (timeoutSecondsPath != null) {
            JsonNode value = JsonPaths.read(timeoutSecondsPath, input, step.stateContext());
            if (!value.isIntegralNumber() || value.longValue() < 1) {
                throw StatesError.runtime("The TimeoutSecondsPath field refers to value " + Json.write(value)
                        + " which is not a positive integer: " + timeoutSecondsPath);
            }
            return value.longValue();
        }
        if (timeoutSeconds == null) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        if (timeoutExpression == null) {
            return timeoutSeconds.longValue();
        }
        JsonNode value = timeoutExpression.evaluate(step.states(input), step.variables());
        if (!value.isIntegralNumber() || value.longValue() < 1) {
            throw StatesError.located(ErrorNames.QUERY_EVALUATION_ERROR, "The TimeoutSeconds field must be a "
                    + "positive integer, but was: " + Json.write(value));
        }
        return value.longValue();
    }
}
