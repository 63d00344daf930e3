package dev.overcast.endpoints.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.HistoryEvent;
import dev.overcast.asl.Interpreter;
import dev.overcast.asl.StateMachine;
import dev.overcast.asl.sam.SamDeployment;
import dev.overcast.cloudsim.http.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The Step Functions API on a loopback port, in front of the interpreter: the AWS JSON 1.0 protocol
 * ({@code POST /}, {@code X-Amz-Target: AWSStepFunctions.<Operation>}, {@code application/x-amz-json-1.0})
 * that the SDK's {@code SfnClient} speaks, so the API's flow code runs unchanged here and on AWS.
 * Operations: StartExecution, DescribeExecution, GetExecutionHistory, StopExecution — shapes, member
 * names and error codes as in botocore's {@code stepfunctions/2016-11-23} model. Executions are kept in
 * memory for the life of the process.
 */
public final class StepFunctionsEndpoint implements AutoCloseable {
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    /** StartExecution's name rule (botocore: Name, 1–80 characters; AWS allows letters, digits, - and _). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;
    private static final long STOP_WAIT_SECONDS = 30;

    /** One execution started here. */
    public record Execution(String executionArn, String machineArn, String name, String input, Instant startDate,
                            Interpreter.Started started) {
        public String machineName() {
            return machineArn.substring(machineArn.lastIndexOf(':') + 1);
        }

        public Optional<ExecutionResult> result() {
            return started.result().isDone() ? Optional.of(started.result().join()) : Optional.empty();
        }
    }

    private final SamDeployment deployment;
    private final InstantSource clock;
    private final ObjectMapper json;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final List<Consumer<Execution>> onStart = new CopyOnWriteArrayList<>();
    private final LoopbackServer server;

    private StepFunctionsEndpoint(SamDeployment deployment, InstantSource clock, ObjectMapper json, int port) {
        this.deployment = deployment;
        this.clock = clock;
        this.json = json;
        this.server = new LoopbackServer("the Step Functions endpoint", port, this::handle);
    }

    public static StepFunctionsEndpoint start(SamDeployment deployment, InstantSource clock, ObjectMapper json, int port) {
        return new StepFunctionsEndpoint(deployment, clock, json, port);
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** Tells {@code listener} of every execution started (the runtime logs their steps). */
    public void onStart(Consumer<Execution> listener) {
        onStart.add(listener);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
            ObjectNode answer;
            int status = 200;
            try {
                if (!"POST".equals(exchange.getRequestMethod()) || !target.startsWith(TARGET_PREFIX)) {
                    throw new Refusal("UnknownOperationException", "expected POST with X-Amz-Target: AWSStepFunctions.<Operation>");
                }
                JsonNode request = read(exchange.getRequestBody());
                answer = switch (target.substring(TARGET_PREFIX.length())) {
                    case "StartExecution" -> startExecution(request);
                    case "DescribeExecution" -> describeExecution(request);
                    case "GetExecutionHistory" -> getExecutionHistory(request);
                    case "StopExecution" -> stopExecution(request);
                    default -> throw new Refusal("UnknownOperationException", "operation " + target + " is not served locally");
                };
            } catch (Refusal e) {
                status = 400;
                answer = json.createObjectNode().put("__type", e.code).put("message", e.getMessage());
            }
            byte[] body = json.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private ObjectNode startExecution(JsonNode request) {
        String machineArn = required(request, "stateMachineArn");
        String machineName = machineArn.substring(machineArn.lastIndexOf(':') + 1);
        StateMachine machine = deployment.machine(machineName)
                .filter(m -> Interpreter.machineArn(machineName).equals(machineArn))
                .orElseThrow(() -> new Refusal("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + machineArn + "'"));
        String name = Optional.ofNullable(request.get("name")).map(JsonNode::asText)
                .orElseGet(() -> java.util.UUID.randomUUID().toString());
        if (!NAME.matcher(name).matches()) {
            throw new Refusal("InvalidName", "Invalid Name: '" + name + "'");
        }
        String inputText = Optional.ofNullable(request.get("input")).map(JsonNode::asText).orElse("{}");
        JsonNode input;
        try {
            input = json.readTree(inputText);
        } catch (JsonProcessingException e) {
            throw new Refusal("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + e.getOriginalMessage() + "'");
        }
        String executionArn = "arn:aws:states:" + Interpreter.REGION + ":" + Interpreter.ACCOUNT + ":execution:"
                + machineName + ":" + name;
        Execution existing = executions.get(executionArn);
        if (existing == null) {
            synchronized (executions) {
                existing = executions.get(executionArn);
                if (existing == null) {
                    Execution started = new Execution(executionArn, machineArn, name, inputText, clock.instant(),
                            deployment.interpreter().start(machine, machineName, name, input));
                    executions.put(executionArn, started);
                    onStart.forEach(listener -> listener.accept(started));
                    return started(started);
                }
            }
        }
        // AWS: the same name and input again is the same execution; another input is a conflict.
        if (!existing.input().equals(inputText)) {
            throw new Refusal("ExecutionAlreadyExists", "Execution Already Exists: '" + executionArn + "'");
        }
        return started(existing);
    }

    private ObjectNode started(Execution execution) {
        ObjectNode out = json.createObjectNode();
        out.put("executionArn", execution.executionArn());
        out.put("startDate", epoch(execution.startDate()));
        return out;
    }

    private ObjectNode describeExecution(JsonNode request) {
        Execution execution = execution(request);
        ObjectNode out = json.createObjectNode();
        out.put("executionArn", execution.executionArn());
        out.put("stateMachineArn", execution.machineArn());
        out.put("name", execution.name());
        out.put("startDate", epoch(execution.startDate()));
        out.put("input", execution.input());
        out.putObject("inputDetails").put("included", true);
        out.put("redriveCount", 0);
        Optional<ExecutionResult> result = execution.result();
        if (result.isEmpty()) {
            out.put("status", "RUNNING");
            out.put("redriveStatus", "NOT_REDRIVABLE");
            return out;
        }
        ExecutionResult ended = result.get();
        out.put("status", ended.status().name());
        List<HistoryEvent> history = ended.history();
        out.put("stopDate", epoch(history.get(history.size() - 1).timestamp()));
        if (ended.succeeded()) {
            out.put("output", ended.output().toString());
            out.putObject("outputDetails").put("included", true);
        } else {
            if (ended.error() != null) {
                out.put("error", ended.error());
            }
            if (ended.cause() != null) {
                out.put("cause", ended.cause());
            }
        }
        out.put("redriveStatus", "NOT_REDRIVABLE");
        return out;
    }

    private ObjectNode getExecutionHistory(JsonNode request) {
        Execution execution = execution(request);
        List<HistoryEvent> events = new ArrayList<>(execution.started().history().get());
        if (request.path("reverseOrder").asBoolean(false)) {
            Collections.reverse(events);
        }
        boolean data = request.path("includeExecutionData").asBoolean(true);
        int size = request.path("maxResults").asInt(0);
        size = size <= 0 ? DEFAULT_PAGE : Math.min(size, MAX_PAGE);
        int from = token(request.path("nextToken").asText(""), events.size());
        int to = Math.min(events.size(), from + size);
        ObjectNode out = json.createObjectNode();
        ArrayNode page = out.putArray("events");
        events.subList(from, to).forEach(event -> page.add(event(event, data)));
        if (to < events.size()) {
            out.put("nextToken", Integer.toString(to));
        }
        return out;
    }

    /** Stops a running execution and waits for it to end (ABORTED), as AWS answers once the stop is recorded. */
    private ObjectNode stopExecution(JsonNode request) {
        Execution execution = execution(request);
        execution.started().stop().run();
        try {
            execution.started().result().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new Refusal("ValidationException", "execution " + execution.executionArn() + " did not stop: " + e);
        }
        return json.createObjectNode().put("stopDate", epoch(clock.instant()));
    }

    private ObjectNode event(HistoryEvent event, boolean data) {
        ObjectNode out = json.createObjectNode();
        out.put("timestamp", epoch(event.timestamp()));
        out.put("type", event.type());
        out.put("id", event.id());
        out.put("previousEventId", event.previousEventId());
        if (!event.details().isEmpty()) {
            ObjectNode details = event.details().deepCopy();
            if (!data) {
                details.remove(List.of("input", "output"));
            }
            out.set(detailsMember(event.type()), details);
        }
        return out;
    }

    /** The HistoryEvent member holding a type's details: every XStateEntered shares stateEnteredEventDetails. */
    static String detailsMember(String type) {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }

    private Execution execution(JsonNode request) {
        String arn = required(request, "executionArn");
        if (!arn.startsWith("arn:aws:states:")) {
            throw new Refusal("InvalidArn", "Invalid Arn: '" + arn + "'");
        }
        Execution execution = executions.get(arn);
        if (execution == null) {
            throw new Refusal("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
        }
        return execution;
    }

    private static int token(String token, int size) {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            int from = Integer.parseInt(token);
            if (from >= 0 && from <= size) {
                return from;
            }
        } catch (NumberFormatException e) {
            // Falls through to the refusal: AWS answers InvalidToken for any token it did not hand out.
        }
        throw new Refusal("InvalidToken", "Invalid Token: '" + token + "'");
    }

    private JsonNode read(InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        try {
            JsonNode request = json.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (request == null || !request.isObject()) {
                throw new Refusal("SerializationException", "the body must be a JSON object");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw new Refusal("SerializationException", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String required(JsonNode request, String member) {
        JsonNode value = request.get(member);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new Refusal("ValidationException", "1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    /** The protocol's timestamps: epoch seconds with a fraction. */
    private static BigDecimal epoch(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }

    @Override
    public void close() {
        server.close();
    }

    /** An error the protocol reports as {@code {"__type": code, "message": …}} with status 400. */
    private static final class Refusal extends RuntimeException {
        private final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
