package dev.overcast.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.Interpreter;
import dev.overcast.asl.Json;
import dev.overcast.asl.StateMachine;
import dev.overcast.asl.StatesError;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code arn:aws:states:::states:startExecution} and its {@code .sync} / {@code .sync:2} forms: child
 * executions of the other state machines registered here, on the same interpreter and clock. The
 * plain form starts the child and returns at once; the sync forms wait and return AWS's
 * DescribeExecution shape (output as a string for {@code .sync}, as JSON for {@code .sync:2}).
 */
public final class StartExecution implements TaskResource {
    private static final String BASE = "arn:aws:states:::states:startExecution";

    private final Map<String, StateMachine> machines = new ConcurrentHashMap<>();

    /** Makes a machine startable by its ARN. */
    public StartExecution register(String machineArn, StateMachine machine) {
        machines.put(machineArn, machine);
        return this;
    }

    @Override
    public boolean handles(String resource) {
        return resource.equals(BASE) || resource.equals(BASE + ".sync") || resource.equals(BASE + ".sync:2");
    }

    @Override
    public String resourceType(String resource) {
        return "states";
    }

    @Override
    public JsonNode invoke(TaskCall call) {
        JsonNode parameters = call.parameters();
        String arn = parameters.path("StateMachineArn").asText(null);
        StateMachine machine = arn == null ? null : machines.get(arn);
        if (machine == null) {
            throw new StatesError("StepFunctions.StateMachineDoesNotExistException",
                    "State Machine Does Not Exist: '" + arn + "'");
        }
        String machineName = arn.substring(arn.lastIndexOf(':') + 1);
        String name = parameters.path("Name").asText(UUID.randomUUID().toString());
        JsonNode input = parameters.has("Input") ? childInput(parameters.get("Input")) : Json.object();
        Interpreter interpreter = call.interpreter();
        Instant started = interpreter.clock().instant();
        if (call.resource().equals(BASE)) {
            String executionArn = interpreter.start(machine, machineName, name, input).executionArn();
            ObjectNode out = Json.object();
            out.put("ExecutionArn", executionArn);
            out.put("StartDate", started.toString());
            return out;
        }
        ExecutionResult result = interpreter.execute(machine, machineName, name, input);
        boolean json = call.resource().endsWith(":2");
        ObjectNode described = Json.object();
        described.put("ExecutionArn", result.executionArn());
        described.put("StateMachineArn", arn);
        described.put("Name", name);
        described.put("Status", result.status().name());
        described.put("StartDate", started.toString());
        described.put("StopDate", interpreter.clock().instant().toString());
        described.set("Input", json ? input : Json.NODES.textNode(Json.write(input)));
        described.putObject("InputDetails").put("Included", true);
        if (!result.succeeded()) {
            described.put("Error", result.error());
            described.put("Cause", result.cause());
            throw new StatesError("States.TaskFailed", Json.write(described));
        }
        described.set("Output", json ? result.output() : Json.NODES.textNode(Json.write(result.output())));
        described.putObject("OutputDetails").put("Included", true);
        return described;
    }

    /** AWS takes the child's input as a JSON string or, from Parameters, as a JSON value. */
    private static JsonNode childInput(JsonNode input) {
        if (input.isTextual()) {
            try {
                return Json.parse(input.textValue());
            } catch (IllegalArgumentException e) {
                throw new StatesError("StepFunctions.InvalidExecutionInputException", "Invalid execution input: "
                        + e.getMessage());
            }
        }
        return input;
    }
}
