package dev.overcast.cloudsim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.overcast.cloudsim.http.AnswerFault;
import dev.overcast.cloudsim.http.LoopbackServer;
import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azure Resource Manager over HTTPS: JSON resources addressed by id, {@code api-version} required,
 * long-running PUT and DELETE with {@code Azure-AsyncOperation}, ARM's error document and 429 with
 * {@code Retry-After} when a token bucket is empty. The subscription comes from the path; bearer
 * tokens are required but not verified.
 * <p>
 * TLS is not optional: the Azure SDK refuses to send a bearer token over plain http, and the
 * production credential path must run unchanged. The certificate is issued at start
 * ({@link SelfSignedCertificate}); clients trust it through configuration.
 */
public final class ArmFront implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArmFront.class);
    private static final List<String> RETRYABLE_CODES = List.of("TooManyRequests", "InternalServerError", "ServiceUnavailable");

    private final World world;
    private final ArmResources resources;
    private final ArmQueries queries;
    private final SelfSignedCertificate certificate;
    private final LoopbackServer server;

    public ArmFront(World world, int port) {
        this.world = world;
        this.certificate = SelfSignedCertificate.issue();
        this.server = new LoopbackServer("the Azure front", port, this::handle, certificate.serverContext());
        this.resources = new ArmResources(world, endpoint());
        this.queries = new ArmQueries(world);
    }

    /** {@code https://127.0.0.1:PORT/}, the resource manager endpoint of the client's Azure environment. */
    public URI endpoint() {
        return URI.create(server.endpoint() + "/");
    }

    /** The front's certificate; a client that trusts it reaches the front over TLS. */
    public SelfSignedCertificate certificate() {
        return certificate;
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        ArmAnswer answer;
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            try {
                answer = answer(exchange, request);
            } catch (CloudError e) {
                answer = error(e.code(), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Azure front failed on a request", e);
                answer = error("InternalServerError", "An internal error occurred.");
            }
            byte[] bytes = answer.body() == null ? new byte[0] : answer.body().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("x-ms-request-id", requestId);
            exchange.getResponseHeaders().set("x-ms-correlation-request-id", requestId);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            ArmWire.check(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), apiVersion(exchange), parsedOrNull(request),
                    answer, actionOf(exchange.getRequestMethod().toUpperCase(Locale.ROOT), exchange.getRequestURI().getPath()));
            AnswerFault.send(exchange, answer.status(), exchange.getRequestMethod().equals("HEAD") ? new byte[0] : bytes);
        }
    }

    private ArmAnswer answer(HttpExchange exchange, byte[] request) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getPath();
        Optional<ArmQueries.Query> query = queries.match(method, rawPath);
        if (query.isPresent()) {
            ArmQueries.Query q = query.get();
            admit(exchange, method, q.action(), q.subscription(), List.of(q.permission()));
            return world.atomically(() -> q.answer().get());
        }
        ArmPath path;
        try {
            path = ArmPath.parse(rawPath);
        } catch (CloudError unknown) {
            world.calls().record(ArmStore.FRONT, method + " unknown");
            throw unknown;
        }
        ObjectNode body;
        try {
            body = body(request);
        } catch (CloudError unreadable) {
            world.calls().record(ArmStore.FRONT, action(method, path));
            throw unreadable;
        }
        admit(exchange, method, action(method, path), path.subscription(), ArmPermissions.of(method, path, rawPath, body));
        String apiVersion = apiVersion(exchange);
        return world.atomically(() -> switch (method) {
            case "GET" -> resources.get(path);
            case "HEAD" -> resources.head(path);
            case "PUT" -> resources.put(path, body, apiVersion);
            case "PATCH" -> resources.patch(path, body);
            case "DELETE" -> resources.delete(path);
            default -> throw new CloudError("MethodNotAllowed", "The method " + method + " is not allowed.");
        });
    }

    /** What every request meets before it is served: the call log, api-version, a token, RBAC, faults and throttling. */
    private void admit(HttpExchange exchange, String method, String action, String subscription, List<String> permissions) {
        world.calls().record(ArmStore.FRONT, action);
        if (apiVersion(exchange).isEmpty()) {
            throw new CloudError("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new CloudError("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        if (!world.knowsAccount(subscription)) {
            throw new CloudError("SubscriptionNotFound", "The subscription '" + subscription + "' could not be found.");
        }
        Optional<String> denied = world.iam().authorize(ArmStore.FRONT, subscription, permissions);
        if (denied.isPresent()) {
            throw new CloudError("AuthorizationFailed", "The client does not have authorization to perform action '" + denied.get()
                    + "' over scope '/subscriptions/" + subscription + "' or the scope is invalid.");
        }
        Optional<String> fault = world.faults().next(ArmStore.FRONT, action, RETRYABLE_CODES);
        if (fault.isPresent() && !AnswerFault.strike(exchange, fault.get())) {
            throw new CloudError(fault.get(), "Injected fault for " + action + ".");
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (!world.admit(ArmStore.FRONT, subscription, "global", read ? "reads" : "writes")) {
            throw new CloudError("TooManyRequests", "The request is being throttled as the limit has been reached for operation type - "
                    + (read ? "Read" : "Write") + ".");
        }
    }

    /** The call log's name of any request, served or not. */
    private String actionOf(String method, String rawPath) {
        Optional<ArmQueries.Query> query = queries.match(method, rawPath);
        if (query.isPresent()) {
            return query.get().action();
        }
        try {
            return action(method, ArmPath.parse(rawPath));
        } catch (CloudError unknown) {
            return method + " unknown";
        }
    }

    /** The request's {@code api-version}, empty when it has none. */
    private static String apiVersion(HttpExchange exchange) {
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).equalsIgnoreCase("api-version")) {
                return parameter.substring(equals + 1);
            }
        }
        return "";
    }

    /** The call log's name of a request, e.g. {@code PUT virtualNetworks}, {@code LIST subnets}, {@code GET operations}. */
    private static String action(String method, ArmPath path) {
        if (path.operation() != null) {
            return "GET operations";
        }
        String verb = method.equals("GET") && path.name() == null ? "LIST" : method;
        return verb + " " + path.type().segment();
    }

    private static ObjectNode body(byte[] bytes) {
        if (bytes.length == 0) {
            return ArmStore.JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = ArmStore.JSON.readTree(bytes);
        } catch (IOException e) {
            throw new CloudError("InvalidRequestContent", "The request content was invalid and could not be deserialized: "
                    + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new CloudError("InvalidRequestContent", "The request content must be a JSON object.");
        }
        return object;
    }

    /** The request body for the wire check: null when there is none or it is not JSON (the front refused it then). */
    private static JsonNode parsedOrNull(byte[] request) {
        try {
            return request.length == 0 ? null : body(request);
        } catch (CloudError unreadable) {
            return null;
        }
    }

    private static ArmAnswer error(String code, String message) {
        ObjectNode body = ArmStore.JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        int status = status(code);
        if (status == 401) {
            // ARM's 401 names the authority to get a token from (RFC 6750 section 3, as management.azure.com answers).
            return new ArmAnswer(status, body, Map.of("WWW-Authenticate", "Bearer authorization_uri=\"https://login.windows.net/\", "
                    + "error=\"invalid_token\", error_description=\"The authentication failed because of missing 'Authorization' header.\""));
        }
        return new ArmAnswer(status, body, status == 429 || status == 503 ? Map.of("Retry-After", "1") : Map.of());
    }

    private static int status(String code) {
        return switch (code) {
            case "TooManyRequests" -> 429;
            case "InternalServerError" -> 500;
            case "ServiceUnavailable" -> 503;
            case "AuthenticationFailed" -> 401;
            case "AuthorizationFailed" -> 403;
            case "ResourceNotFound", "NotFound", "ResourceGroupNotFound", "SubscriptionNotFound", "OperationNotFound", "InvalidResourceType" -> 404;
            case "AnotherOperationInProgress", "OperationNotAllowed" -> 409;
            case "MethodNotAllowed" -> 405;
            default -> code.endsWith("LimitExceeded") || code.endsWith("LimitReached") ? 409 : 400;
        };
    }
}
