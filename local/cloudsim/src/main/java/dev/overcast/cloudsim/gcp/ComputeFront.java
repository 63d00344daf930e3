package dev.overcast.cloudsim.gcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.overcast.cloudsim.http.AnswerFault;
import dev.overcast.cloudsim.http.LoopbackServer;
import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compute Engine's JSON REST API ({@code /compute/v1/projects/P/…}) over HTTP, as google-cloud-compute's
 * REST transport speaks it: inserts, deletes and patches answer operations, lists page and filter, errors
 * come in Compute's error document. The project is the world's account; credentials are not checked.
 * Every request is recorded in the world's call log under its Compute method name ({@code networks.insert},
 * {@code regionOperations.get}), then may meet an injected fault or the per-project request quota.
 */
public final class ComputeFront implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ComputeFront.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROJECT = Pattern.compile("/compute/v1/projects/([a-z][-a-z0-9]{4,28}[a-z0-9])/(.+)");
    private static final Pattern OPERATION = Pattern.compile("(global|regions/([^/]+)|zones/([^/]+))/operations/([^/]+?)(/wait)?");
    private static final Pattern ITEM = Pattern.compile("(global|regions/([^/]+)|zones/([^/]+))/([a-zA-Z]+)(?:/([^/]+))?");
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(2);
    private static final Duration WAIT_PAUSE = Duration.ofMillis(100);
    private static final Pattern AGGREGATED = Pattern.compile("aggregated/([a-zA-Z]+)");
    private static final Pattern LOCATIONS = Pattern.compile("(regions|zones)(?:/([^/]+))?");
    private static final Pattern MACHINE_TYPE = Pattern.compile("zones/([^/]+)/machineTypes/([^/]+)");
    /** Resource Manager's {@code projects.testIamPermissions} (v1 and v3), served on the same endpoint for a preflight. */
    private static final Pattern TEST_PERMISSIONS = Pattern.compile("/v[13]/projects/([^/:]+):testIamPermissions");

    private final World world;
    private final Resources resources;
    private final LoopbackServer server;

    public ComputeFront(World world, int port) {
        this.world = world;
        this.resources = new Resources(new Operations());
        server = new LoopbackServer("the Compute front", port, this::handle);
    }

    /** {@code http://127.0.0.1:PORT}, for the Compute clients' endpoint setting. */
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] sent;
            try (InputStream in = exchange.getRequestBody()) {
                sent = in.readAllBytes();
            }
            // google-http-client's default transport cannot send PATCH: it POSTs with this header instead.
            String override = exchange.getRequestHeaders().getFirst("X-HTTP-Method-Override");
            String method = override != null && exchange.getRequestMethod().equals("POST") ? override : exchange.getRequestMethod();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (method.equals("POST") && exchange.getRequestURI().getPath().equals(ComputeBatch.PATH)) {
                ComputeBatch batch = ComputeBatch.parse(contentType, sent);
                List<ComputeBatch.Answer> answers = new ArrayList<>();
                for (Incoming part : batch.requests()) {
                    answers.add(respond(part, null));
                }
                exchange.getResponseHeaders().set("Content-Type", batch.answerContentType());
                AnswerFault.send(exchange, 200, batch.render(answers));
                return;
            }
            ComputeBatch.Answer answer = respond(new Incoming(method, exchange.getRequestURI(), sent), exchange);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            AnswerFault.send(exchange, answer.status(), answer.body());
        }
    }

    /** One Compute request, sent on its own or as one part of a batch. */
    record Incoming(String method, URI uri, byte[] body) {}

    /**
     * The answer to one request, in Compute's error document when it fails. {@code connection} is the exchange
     * an injected connection fault may strike, null for a batch's part (such faults answer as errors there).
     */
    private ComputeBatch.Answer respond(Incoming incoming, HttpExchange connection) throws IOException {
        int status = 200;
        Object body;
        AtomicReference<Discovery.Method> checked = new AtomicReference<>();
        try {
            body = answer(incoming, connection, checked);
        } catch (CloudError e) {
            status = ComputeErrors.status(e.code());
            body = error(status, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Compute front failed on a request", e);
            status = 500;
            body = error(500, ComputeErrors.INTERNAL, "Internal error. Please try again or contact Google Support.");
        }
        if (checked.get() != null) {
            ComputeDefinition.checkAnswer(checked.get(), status, body);
        }
        return new ComputeBatch.Answer(status, JSON.writeValueAsBytes(body));
    }

    private Object answer(Incoming incoming, HttpExchange connection, AtomicReference<Discovery.Method> checked) {
        String method = incoming.method();
        Matcher testPermissions = TEST_PERMISSIONS.matcher(incoming.uri().getPath());
        if (testPermissions.matches() && method.equals("POST")) {
            return testIamPermissions(testPermissions.group(1), body(incoming.body()));
        }
        Matcher project = PROJECT.matcher(incoming.uri().getPath());
        if (!project.matches()) {
            world.calls().record(ComputeCall.FRONT, "unknown");
            throw new CloudError(ComputeErrors.NOT_FOUND, "The requested URL " + incoming.uri().getPath() + " was not found.");
        }
        Map<String, String> query = LoopbackServer.query(incoming.uri().getRawQuery());
        Map<String, Object> body = body(incoming.body());
        String path = project.group(2);
        Request request = route(method, path);
        world.calls().record(ComputeCall.FRONT, request.action());
        ComputeDefinition.checkRequest(method, "projects/" + project.group(1) + "/" + path, query, body, request.action())
                .ifPresent(checked::set);
        if (!world.knowsAccount(project.group(1))) {
            throw new CloudError(ComputeErrors.NOT_FOUND, "The resource 'projects/" + project.group(1) + "' was not found");
        }
        Optional<String> denied = world.iam().authorize(ComputeCall.FRONT, project.group(1), ComputePermissions.of(request.action(), body));
        if (denied.isPresent()) {
            throw new CloudError(ComputeErrors.FORBIDDEN, "Required '" + denied.get() + "' permission for 'projects/" + project.group(1) + "'");
        }
        Optional<String> fault = world.faults().next(ComputeCall.FRONT, request.action(), ComputeErrors.RETRYABLE);
        if (fault.isPresent() && (connection == null || !AnswerFault.strike(connection, fault.get()))) {
            throw new CloudError(fault.get(), "Injected fault for " + request.action() + ".");
        }
        if (!world.admit(ComputeCall.FRONT, project.group(1), "global", method.equals("GET") ? "read" : "write")) {
            throw new CloudError(ComputeErrors.RATE_LIMIT, "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute' of service "
                    + "'compute' for consumer 'project_number:" + project.group(1) + "'.");
        }
        ComputeCall call = new ComputeCall(world, endpoint() + "/compute/v1/", project.group(1), request.location());
        if (request.action().endsWith("Operations.wait")) {
            return awaitDone(call, request, query, body);
        }
        return world.atomically(() -> request.handler().answer(call, query, body));
    }

    /** The requested permissions the project holds: all but those denied to it. */
    private Object testIamPermissions(String project, Map<String, Object> body) {
        world.calls().record(ComputeCall.FRONT, "projects.testIamPermissions");
        if (!world.knowsAccount(project)) {
            throw new CloudError(ComputeErrors.FORBIDDEN, "The caller does not have permission on 'projects/" + project + "'");
        }
        List<?> requested = body.get("permissions") instanceof List<?> list ? list : List.of();
        return Map.of("permissions", requested.stream().map(String::valueOf)
                .filter(p -> world.iam().allows(ComputeCall.FRONT, project, p)).toList());
    }

    /**
     * {@code operations/NAME/wait}: answers once the operation is done or after {@link #WAIT_LIMIT} (Compute
     * waits up to two minutes), checking between real-time pauses outside the world's lock.
     */
    private Object awaitDone(ComputeCall call, Request request, Map<String, String> query, Map<String, Object> body) {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (true) {
            @SuppressWarnings("unchecked")
            Map<String, Object> op = (Map<String, Object>) world.atomically(() -> request.handler().answer(call, query, body));
            if ("DONE".equals(op.get("status")) || System.nanoTime() > deadline) {
                return op;
            }
            try {
                Thread.sleep(WAIT_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return op;
            }
        }
    }

    /** A routed request: its Compute method name, the location it addresses and what answers it. */
    private record Request(String action, String location, Handler handler) {}

    @FunctionalInterface
    private interface Handler {
        Object answer(ComputeCall call, Map<String, String> query, Map<String, Object> body);
    }

    private Request route(String method, String path) {
        Matcher op = OPERATION.matcher(path);
        if (op.matches()) {
            Scope scope = scope(op.group(1));
            String location = location(op.group(2), op.group(3));
            String action = switch (scope) {
                case GLOBAL -> "globalOperations";
                case REGION -> "regionOperations";
                case ZONE -> "zoneOperations";
            } + (op.group(5) != null ? ".wait" : ".get");
            requireLocation(scope, location);
            return new Request(action, location, (call, query, body) -> resources.operation(call, scope, op.group(4)));
        }
        Matcher locations = LOCATIONS.matcher(path);
        if (locations.matches() && method.equals("GET")) {
            String collection = locations.group(1);
            return new Request(collection + (locations.group(2) == null ? ".list" : ".get"), "global",
                    (call, query, body) -> resources.location(call, collection, locations.group(2)));
        }
        Matcher machineType = MACHINE_TYPE.matcher(path);
        if (machineType.matches() && method.equals("GET")) {
            requireLocation(Scope.ZONE, machineType.group(1));
            return new Request("machineTypes.get", machineType.group(1),
                    (call, query, body) -> resources.machineType(call, machineType.group(1), machineType.group(2)));
        }
        Matcher aggregated = AGGREGATED.matcher(path);
        if (aggregated.matches() && method.equals("GET")) {
            Collection collection = Catalog.ALL.stream()
                    .filter(c -> c.path().equals(aggregated.group(1)) && c.scope() != Scope.GLOBAL).findFirst()
                    .orElseThrow(() -> unknown(method, path));
            return new Request(collection.path() + ".aggregatedList", "global",
                    (call, query, body) -> resources.aggregated(call, collection, query));
        }
        Matcher item = ITEM.matcher(path);
        if (item.matches()) {
            Scope scope = scope(item.group(1));
            Collection collection = Catalog.ALL.stream()
                    .filter(c -> c.path().equals(item.group(4)) && c.scope() == scope).findFirst()
                    .orElseThrow(() -> unknown(method, path));
            String location = location(item.group(2), item.group(3));
            requireLocation(scope, location);
            String name = item.group(5);
            String verb = switch (method + (name == null ? " list" : " item")) {
                case "GET list" -> "list";
                case "POST list" -> "insert";
                case "GET item" -> "get";
                case "DELETE item" -> "delete";
                case "PATCH item" -> "patch";
                default -> throw unknown(method, path);
            };
            return new Request(collection.path() + "." + verb, location, (call, query, body) -> switch (verb) {
                case "list" -> resources.list(call, collection, query);
                case "insert" -> resources.insert(call, collection, body, query.get("requestId"));
                case "get" -> resources.get(call, collection, name);
                case "delete" -> resources.delete(call, collection, name, query.get("requestId"));
                default -> resources.patch(call, collection, name, body, query.get("requestId"));
            });
        }
        throw unknown(method, path);
    }

    private static Scope scope(String prefix) {
        return prefix.equals("global") ? Scope.GLOBAL : prefix.startsWith("regions/") ? Scope.REGION : Scope.ZONE;
    }

    private static String location(String region, String zone) {
        return region != null ? region : zone != null ? zone : "global";
    }

    private static void requireLocation(Scope scope, String location) {
        boolean known = switch (scope) {
            case GLOBAL -> true;
            case REGION -> ComputeRegions.knownRegion(location);
            case ZONE -> ComputeRegions.regionOf(location).isPresent();
        };
        if (!known) {
            throw new CloudError(ComputeErrors.INVALID, "Invalid value for field '" + (scope == Scope.REGION ? "region" : "zone")
                    + "': '" + location + "'. Unknown " + (scope == Scope.REGION ? "region" : "zone") + ".");
        }
    }

    private static CloudError unknown(String method, String path) {
        return new CloudError(ComputeErrors.NOT_FOUND, "The requested URL " + method + " /" + path + " was not found.");
    }

    private static Map<String, Object> error(int status, String reason, String message) {
        return Map.of("error", Map.of("code", status, "message", message,
                "errors", List.of(Map.of("domain", reason.equals(ComputeErrors.RATE_LIMIT) ? "usageLimits" : "global",
                        "reason", reason, "message", message))));
    }

    private static Map<String, Object> body(byte[] bytes) {
        if (bytes.length == 0) {
            return Map.of();
        }
        try {
            return JSON.readValue(bytes, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new CloudError(ComputeErrors.INVALID, "Invalid JSON payload received. " + e.getMessage());
        }
    }

}
