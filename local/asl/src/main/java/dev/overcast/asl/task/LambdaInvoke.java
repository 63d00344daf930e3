package dev.overcast.asl.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.Json;
import dev.overcast.asl.StatesError;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Lambda Tasks in both forms AWS offers: the optimised {@code arn:aws:states:::lambda:invoke}
 * (parameters {@code FunctionName} and {@code Payload}; the result is Lambda's response envelope with
 * the function's output under {@code Payload}) and a plain function ARN (the effective input is the
 * event; the result is the function's output). A function error surfaces with the function's error
 * type as the error name and Lambda's error payload as the cause.
 */
public final class LambdaInvoke implements TaskResource {
    public static final String OPTIMISED = "arn:aws:states:::lambda:invoke";
    private static final Pattern FUNCTION_ARN = Pattern.compile("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:.+$");

    private final LambdaFunctions functions;

    public LambdaInvoke(LambdaFunctions functions) {
        this.functions = functions;
    }

    @Override
    public boolean handles(String resource) {
        return resource.equals(OPTIMISED) || FUNCTION_ARN.matcher(resource).matches();
    }

    @Override
    public String resourceType(String resource) {
        return "lambda";
    }

    @Override
    public JsonNode invoke(TaskCall call) {
        String resource = call.resource();
        JsonNode parameters = call.parameters();
        if (!resource.equals(OPTIMISED)) {
            return call(resource, parameters);
        }
        JsonNode name = parameters.get("FunctionName");
        if (name == null || !name.isTextual()) {
            throw new StatesError("States.Runtime", "The field 'FunctionName' is required by " + OPTIMISED
                    + " and must be a string.");
        }
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : Json.object();
        JsonNode output = call(name.textValue(), payload);
        ObjectNode envelope = Json.object();
        envelope.put("ExecutedVersion", "$LATEST");
        envelope.set("Payload", output);
        ObjectNode http = envelope.putObject("SdkHttpMetadata");
        http.putObject("HttpHeaders").put("Content-Type", "application/json");
        http.put("HttpStatusCode", 200);
        envelope.putObject("SdkResponseMetadata").put("RequestId", UUID.randomUUID().toString());
        envelope.put("StatusCode", 200);
        return envelope;
    }

    private JsonNode call(String function, JsonNode event) {
        Function<JsonNode, JsonNode> handler = functions.find(function).orElseThrow(() -> new StatesError(
                "Lambda.ResourceNotFoundException", "Function not found: " + function
                + " (Service: Lambda, Status Code: 404, Error Code: ResourceNotFoundException)"));
        try {
            JsonNode output = handler.apply(event);
            return output == null ? Json.NODES.nullNode() : output;
        } catch (FunctionError e) {
            throw new StatesError(e.errorType(), errorPayload(e.errorType(), e.errorMessage()));
        } catch (RuntimeException e) {
            // An unexpected exception is what the Lambda runtime reports for an uncaught throwable.
            throw new StatesError(e.getClass().getName(), errorPayload(e.getClass().getName(), e.getMessage()));
        }
    }

    private static String errorPayload(String type, String message) {
        ObjectNode payload = Json.object();
        payload.put("errorMessage", message);
        payload.put("errorType", type);
        payload.putArray("stackTrace");
        return Json.write(payload);
    }
}
