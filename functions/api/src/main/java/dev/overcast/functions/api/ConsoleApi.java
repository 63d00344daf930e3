package dev.overcast.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.core.spec.Violation;
import dev.overcast.functions.Step;
import dev.overcast.store.RememberedResponse;
import dev.overcast.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console API: one function bean on API Gateway REST proxy events. It takes the tenant from the
 * authorizer's claims, refuses oversized bodies, replays answers for a repeated {@code Idempotency-Key},
 * routes by the event's resource template ({@code POST /clusters/{id}/workers}) and turns every
 * refusal into an RFC 9457 problem.
 */
public final class ConsoleApi extends Step<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** The Cognito claim that names the tenant (a custom user-pool attribute). */
    public static final String TENANT_CLAIM = "custom:tenant";
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** openapi.yaml's limit; it also keeps the key well inside DynamoDB's 2048-byte key attribute. */
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApi.class);
    /** Every answer: what it says is the caller's own and current, so no cache may keep it. */
    private static final Map<String, String> ANSWER_HEADERS = Map.of("Cache-Control", "no-store");
    /** How long a claimed key holds if its request never completes: longer than any answer takes. */
    private static final Duration CLAIM = Duration.ofMinutes(1);
    /** How long a concurrent duplicate waits for the first request's answer before it is told to retry. */
    private static final Duration DUPLICATE_PATIENCE = Duration.ofSeconds(3);
    private static final Duration DUPLICATE_POLL = Duration.ofMillis(50);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Store store;
    private final ObjectMapper json;
    private final Map<String, Function<ApiRequest, ApiResponse>> routes = new LinkedHashMap<>();

    public ConsoleApi(ApiFunctions.Wiring wiring, ObjectMapper json) {
        super(APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class);
        this.store = wiring.store();
        this.json = json;
        ClusterRoutes changes = new ClusterRoutes(wiring.store(), wiring.planner(), wiring.flows(), json, wiring.clock(), wiring.preflight());
        ClusterReads reads = new ClusterReads(wiring.store(), wiring.planner(), wiring.flows(), json);
        RegionRoutes regions = new RegionRoutes(wiring.regions());
        routes.put("POST /clusters", changes::create);
        routes.put("GET /clusters", reads::list);
        routes.put("GET /clusters/{id}", reads::get);
        routes.put("DELETE /clusters/{id}", changes::delete);
        routes.put("GET /clusters/{id}/events", reads::events);
        routes.put("POST /clusters/{id}/workers", changes::scale);
        routes.put("POST /clusters/{id}/reconcile", changes::reconcile);
        routes.put("GET /regions", regions::regions);
    }

    @Override
    public APIGatewayProxyResponseEvent apply(APIGatewayProxyRequestEvent event) {
        String path = event.getPath();
        try {
            ApiRequest request = ApiRequest.of(event, tenant(event));
            if (request.bodyBytes() > MAX_BODY_BYTES) {
                throw ApiException.tooLarge("the body has " + request.bodyBytes() + " bytes; at most " + MAX_BODY_BYTES);
            }
            Optional<String> key = idempotencyKey(request);
            return key.isEmpty() ? response(answer(request), path) : once(request, key.get(), path);
        } catch (ApiException e) {
            return response(ApiResponse.problem(e.problem()), path);
        }
    }

    /**
     * Answers a request that carries an Idempotency-Key at most once: the key is claimed before the work,
     * so a concurrent duplicate waits for the first answer (or is told to retry) instead of doing the
     * work again, and a retry later gets the first answer back.
     */
    private APIGatewayProxyResponseEvent once(ApiRequest request, String key, String path) {
        String fingerprint = fingerprint(request);
        Optional<RememberedResponse> found = store.idempotency().claim(request.tenant(), key, fingerprint, CLAIM);
        if (found.isPresent()) {
            return replay(awaitAnswer(request, key, found.get(), fingerprint), fingerprint, key, path);
        }
        APIGatewayProxyResponseEvent response;
        try {
            response = response(answer(request), path);
        } catch (RuntimeException e) {
            store.idempotency().release(request.tenant(), key, fingerprint);
            throw e;
        }
        if (response.getStatusCode() >= 500) {
            store.idempotency().release(request.tenant(), key, fingerprint);
            return response;
        }
        RememberedResponse kept = store.idempotency().complete(request.tenant(), key, new RememberedResponse(
                fingerprint, response.getStatusCode(), response.getHeaders().get("Location"), response.getBody()));
        return replay(kept, fingerprint, key, path);
    }

    /** The first request's answer, once it has one; a duplicate that outwaits the patience is told to come back. */
    private RememberedResponse awaitAnswer(ApiRequest request, String key, RememberedResponse found, String fingerprint) {
        long deadline = System.nanoTime() + DUPLICATE_PATIENCE.toNanos();
        RememberedResponse current = found;
        while (current.isInProgress() && current.request().equals(fingerprint) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(DUPLICATE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = store.idempotency().find(request.tenant(), key).orElse(current);
        }
        return current;
    }

    private ApiResponse answer(ApiRequest request) {
        Function<ApiRequest, ApiResponse> route = routes.get(request.route());
        try {
            if (route == null) {
                String allowed = routes.keySet().stream().filter(r -> r.endsWith(" " + request.resource()))
                        .map(r -> r.substring(0, r.indexOf(' '))).sorted().collect(Collectors.joining(", "));
                if (allowed.isEmpty()) {
                    throw ApiException.notFound("no route " + request.method() + " " + request.path());
                }
                return new ApiResponse(405, Map.of("Allow", allowed), ApiException.methodNotAllowed(
                        request.method() + " is not allowed on " + request.resource() + "; allowed: " + allowed).problem());
            }
            return route.apply(request);
        } catch (ApiException e) {
            return ApiResponse.problem(e.problem());
        } catch (RuntimeException e) {
            // The log has the cause; the answer names none of it (class names and messages tell an attacker too much).
            String incident = UUID.randomUUID().toString();
            LOG.error("{} {} failed (incident {})", request.method(), request.path(), incident, e);
            return ApiResponse.problem(ApiException.internal("an internal error occurred (incident " + incident + ")").problem());
        }
    }

    /** The Idempotency-Key of a POST, if it has one. */
    static Optional<String> idempotencyKey(ApiRequest request) {
        Optional<String> key = request.method().equals("POST") ? request.header("Idempotency-Key") : Optional.empty();
        if (key.isPresent() && key.get().length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw ApiException.invalid(new Violation("Idempotency-Key", "max-length",
                    "at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters (a UUID has 36), was " + key.get().length()));
        }
        return key;
    }

    /** The tenant the authorizer vouched for: a Cognito user pool puts the ID token's claims in the request context. */
    private static String tenant(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        Object claims = context == null || context.getAuthorizer() == null ? null : context.getAuthorizer().get("claims");
        Object tenant = claims instanceof Map<?, ?> map ? map.get(TENANT_CLAIM) : null;
        if (tenant == null || tenant.toString().isBlank()) {
            throw ApiException.unauthorized("no tenant: the request was not authorized (Authorization: Bearer TOKEN)");
        }
        return tenant.toString();
    }

    private APIGatewayProxyResponseEvent replay(RememberedResponse remembered, String fingerprint, String key, String path) {
        if (!remembered.request().equals(fingerprint)) {
            throw ApiException.keyReused("Idempotency-Key '" + key + "' was used for another request");
        }
        if (remembered.isInProgress()) {
            return response(new ApiResponse(409, Map.of("Retry-After", Long.toString(RETRY_AFTER.toSeconds())),
                    ApiException.inProgress("a request with Idempotency-Key '" + key + "' is still being answered; retry").problem()),
                    path);
        }
        Map<String, String> headers = new LinkedHashMap<>(ANSWER_HEADERS);
        headers.put("Content-Type", remembered.status() >= 400 ? Problem.MEDIA_TYPE : "application/json");
        if (remembered.location() != null) {
            headers.put("Location", remembered.location());
        }
        return new APIGatewayProxyResponseEvent().withStatusCode(remembered.status()).withHeaders(headers)
                .withBody(remembered.body());
    }

    private APIGatewayProxyResponseEvent response(ApiResponse response, String path) {
        Object body = response.body() instanceof Problem problem ? problem.withInstance(path) : response.body();
        Map<String, String> headers = new LinkedHashMap<>(ANSWER_HEADERS);
        headers.putAll(response.headers());
        headers.put("Content-Type", body instanceof Problem ? Problem.MEDIA_TYPE : "application/json");
        try {
            return new APIGatewayProxyResponseEvent().withStatusCode(response.status()).withHeaders(headers)
                    .withBody(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer to " + path, e);
        }
    }

    /**
     * Method, path, query and a digest of the body: what makes a retry "the same request". The query
     * counts: a dry run and the create it checked share their body, not their meaning.
     */
    private static String fingerprint(ApiRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(request.body().getBytes(StandardCharsets.UTF_8));
            return request.method() + " " + request.path() + " " + new TreeMap<>(request.query()) + " " + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
