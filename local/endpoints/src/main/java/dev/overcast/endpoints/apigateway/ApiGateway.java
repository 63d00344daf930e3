package dev.overcast.endpoints.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import dev.overcast.cloudsim.http.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code sam local start-api} does, in-process: HTTP on 127.0.0.1 turned into API Gateway REST
 * proxy events for the console API bean, and its answers back into HTTP. Routes are the paths of
 * {@code openapi.yaml} (so the contract decides what is an API route); the bearer token is checked
 * against the tokens file first, as the Cognito authorizer would, and the tenant travels in the
 * event's authorizer claims. Other GET paths serve the web console from {@code console/dist/} when
 * it exists.
 */
public final class ApiGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiGateway.class);
    /** Read at most this much of a body; the API refuses more than 64 KiB itself, with a problem naming the size. */
    private static final int MAX_READ_BYTES = 1024 * 1024;
    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "map", "application/json", "woff2", "font/woff2", "txt", "text/plain; charset=utf-8");

    /** On every answer: the API's and the console's content is never to be sniffed, framed or referred. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");
    /**
     * The console's pages: its own scripts only (the build has no inline script), and no framing. Inline
     * style attributes stay allowed: lit templates set a few, and a style cannot run code.
     */
    static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private record Route(String template, Pattern pattern, List<String> parameters) {
    }

    private final List<Route> routes;
    private final Tokens tokens;
    private final String tenantClaim;
    private final Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> api;
    private final Optional<Path> console;
    private final ObjectMapper json;
    private final LoopbackServer server;

    private ApiGateway(Path openApi, Tokens tokens, String tenantClaim,
                       Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> api,
                       Optional<Path> console, ObjectMapper json, int port) {
        this.routes = routes(openApi);
        this.tokens = tokens;
        this.tenantClaim = tenantClaim;
        this.api = api;
        this.console = console;
        this.json = json;
        this.server = new LoopbackServer("the API", port, this::handle);
    }

    /**
     * @param tenantClaim the ID token claim that carries a token's tenant, as the user pool authorizer passes it
     * @param console     the directory of the built web console, served at {@code /} when present
     */
    public static ApiGateway start(Path openApi, Tokens tokens, String tenantClaim,
                                   Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> api,
                                   Optional<Path> console, ObjectMapper json, int port) {
        return new ApiGateway(openApi, tokens, tenantClaim, api, console.filter(Files::isDirectory), json, port);
    }

    public URI endpoint() {
        return server.endpoint();
    }

    public boolean servesConsole() {
        return console.isPresent();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            SECURITY_HEADERS.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            String rawPath = exchange.getRequestURI().getRawPath();
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            Optional<Map.Entry<Route, Map<String, String>>> match = match(rawPath);
            if (match.isEmpty()) {
                serveStatic(exchange, rawPath);
                return;
            }
            APIGatewayProxyResponseEvent response = invoke(exchange, match.get().getKey(), match.get().getValue());
            byte[] body = response.getBody() == null || head ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            }
            exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            LOG.debug("{} {} → {}", exchange.getRequestMethod(), rawPath, response.getStatusCode());
        }
    }

    private APIGatewayProxyResponseEvent invoke(HttpExchange exchange, Route route, Map<String, String> parameters)
            throws IOException {
        // Read (bounded) before any refusal: a body left unread makes the server drop the kept-alive
        // connection after answering, and a client that reuses it meets a closed socket on its next request.
        byte[] body = readAtMost(exchange.getRequestBody());
        Optional<String> tenant = tokens.tenant(exchange.getRequestHeaders().getFirst("Authorization"));
        if (tenant.isEmpty()) {
            return problem(401, "unauthorized", "Not authenticated",
                    "a known bearer token is required (Authorization: Bearer TOKEN)", exchange);
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (body.length > MAX_READ_BYTES) {
            return problem(413, "too-large", "Body too large", "the body is over " + MAX_READ_BYTES + " bytes", exchange);
        }
        // HEAD is GET without the body (RFC 9110 9.3.2): the function answers the GET, the body is dropped.
        String method = "HEAD".equals(exchange.getRequestMethod()) ? "GET" : exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withPath(path)
                .withResource(route.template())
                .withPathParameters(parameters.isEmpty() ? null : parameters)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(headers(exchange))
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(UUID.randomUUID().toString())
                        .withStage("local")
                        .withHttpMethod(method)
                        .withResourcePath(route.template())
                        .withPath(path));
        // As a Cognito user pool authorizer passes the ID token's claims.
        event.getRequestContext().setAuthorizer(Map.of("claims", Map.of(tenantClaim, tenant.get())));
        return api.apply(event);
    }

    private APIGatewayProxyResponseEvent problem(int status, String slug, String title, String detail, HttpExchange exchange) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:overcast:problem:" + slug);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequestURI().getRawPath());
        try {
            return new APIGatewayProxyResponseEvent().withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/problem+json", "Cache-Control", "no-store"))
                    .withBody(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem", e);
        }
    }

    /**
     * The console's files; an unknown path without an extension is one of its client-side routes, so
     * index.html, except under the API's own first segments ({@code /clusters/} with no id is the API's
     * 404, never a page).
     */
    private void serveStatic(HttpExchange exchange, String rawPath) throws IOException {
        Optional<String> decoded = decodedSegment(rawPath).filter(path -> !underApi(path));
        String path = decoded.orElse("/");
        Optional<Path> file = decoded.isEmpty() ? Optional.empty() : console.flatMap(root -> {
            Path wanted = root.resolve(path.substring(1)).normalize();
            if (!wanted.startsWith(root)) {
                return Optional.empty();
            }
            if (Files.isDirectory(wanted)) {
                wanted = wanted.resolve("index.html");
            }
            if (!Files.isRegularFile(wanted) && !wanted.getFileName().toString().contains(".")) {
                wanted = root.resolve("index.html");
            }
            return Files.isRegularFile(wanted) ? Optional.of(wanted) : Optional.empty();
        });
        if (file.isEmpty() || !"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            byte[] body = json.writeValueAsBytes(Map.of("type", "urn:overcast:problem:not-found", "title", "Not found",
                    "status", 404, "detail", "no route " + exchange.getRequestMethod() + " " + rawPath));
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        String name = file.get().getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        exchange.getResponseHeaders().set("Content-Type", MEDIA_TYPES.getOrDefault(extension, "application/octet-stream"));
        exchange.getResponseHeaders().set("Content-Security-Policy", CONSOLE_POLICY);
        byte[] body = Files.readAllBytes(file.get());
        exchange.sendResponseHeaders(200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
        if (!"HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseBody().write(body);
        }
    }

    /**
     * The route of a raw (still percent-encoded) path, with its parameters decoded exactly once, as API
     * Gateway passes them: {@code %25} is {@code %}, {@code %252e} is {@code %2e}, {@code +} stays {@code +}.
     * A parameter that does not decode (a lone {@code %}) matches no route.
     */
    private Optional<Map.Entry<Route, Map<String, String>>> match(String rawPath) {
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(rawPath);
            if (matcher.matches()) {
                Map<String, String> parameters = new HashMap<>();
                for (int i = 0; i < route.parameters().size(); i++) {
                    Optional<String> value = decodedSegment(matcher.group(i + 1));
                    if (value.isEmpty()) {
                        return Optional.empty();
                    }
                    parameters.put(route.parameters().get(i), value.get());
                }
                return Optional.of(Map.entry(route, parameters));
            }
        }
        return Optional.empty();
    }

    /** Percent-decodes a path once; {@code +} is a plus in a path (it means a space only in forms). */
    private static Optional<String> decodedSegment(String raw) {
        try {
            return Optional.of(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private boolean underApi(String path) {
        String first = path.split("/", 3).length > 1 ? path.split("/", 3)[1] : "";
        return !first.isEmpty() && routes.stream().anyMatch(route -> route.template().split("/", 3)[1].equals(first));
    }

    private static List<Route> routes(Path openApi) {
        JsonNode paths;
        try {
            paths = new ObjectMapper(new YAMLFactory()).readTree(openApi.toFile()).path("paths");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API contract " + openApi, e);
        }
        List<Route> routes = new ArrayList<>();
        paths.fieldNames().forEachRemaining(template -> {
            List<String> parameters = new ArrayList<>();
            Matcher names = TEMPLATE_PARAMETER.matcher(template);
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (names.find()) {
                regex.append(Pattern.quote(template.substring(last, names.start()))).append("([^/]+)");
                parameters.add(names.group(1));
                last = names.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            routes.add(new Route(template, Pattern.compile(regex.toString()), List.copyOf(parameters)));
        });
        return List.copyOf(routes);
    }

    /**
     * The query's parameters, each decoded once ({@code LoopbackServer} refused bad escapes already); the
     * last of a repeated name wins and a name without {@code =} has the empty value, as in API Gateway's
     * {@code queryStringParameters}.
     */
    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** Each header once; a header sent more than once (or split at commas by the server) is joined again. */
    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    private static byte[] readAtMost(InputStream body) throws IOException {
        return body.readNBytes(MAX_READ_BYTES + 1);
    }

    @Override
    public void close() {
        server.close();
    }
}
