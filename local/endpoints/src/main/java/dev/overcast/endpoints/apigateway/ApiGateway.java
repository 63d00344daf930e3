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
            String path = exchange.getRequestURI().getPath();
            Optional<Map.Entry<Route, Map<String, String>>> match = match(path);
            if (match.isEmpty()) {
                serveStatic(exchange, path);
                return;
            }
            APIGatewayProxyResponseEvent response = invoke(exchange, match.get().getKey(), match.get().getValue());
            byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            }
            exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            LOG.debug("{} {} → {}", exchange.getRequestMethod(), path, response.getStatusCode());
        }
    }

    private APIGatewayProxyResponseEvent invoke(HttpExchange exchange, Route route, Map<String, String> parameters)
            throws IOException {
        Optional<String> tenant = tokens.tenant(exchange.getRequestHeaders().getFirst("Authorization"));
        if (tenant.isEmpty()) {
            return problem(401, "unauthorized", "Not authenticated",
                    "a known bearer token is required (Authorization: Bearer TOKEN)", exchange);
        }
        byte[] body = readAtMost(exchange.getRequestBody());
        if (body.length > MAX_READ_BYTES) {
            return problem(413, "too-large", "Body too large", "the body is over " + MAX_READ_BYTES + " bytes", exchange);
        }
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(exchange.getRequestURI().getPath())
                .withResource(route.template())
                .withPathParameters(parameters.isEmpty() ? null : parameters)
                .withQueryStringParameters(query(exchange.getRequestURI().getRawQuery()))
                .withHeaders(headers(exchange))
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(UUID.randomUUID().toString())
                        .withStage("local")
                        .withHttpMethod(exchange.getRequestMethod())
                        .withResourcePath(route.template())
                        .withPath(exchange.getRequestURI().getPath()));
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
        problem.put("instance", exchange.getRequestURI().getPath());
        try {
            return new APIGatewayProxyResponseEvent().withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/problem+json")).withBody(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem", e);
        }
    }

    /** The console's files; an unknown path without an extension is one of its client-side routes, so index.html. */
    private void serveStatic(HttpExchange exchange, String path) throws IOException {
        Optional<Path> file = console.flatMap(root -> {
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
                    "status", 404, "detail", "no route " + exchange.getRequestMethod() + " " + path));
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        String name = file.get().getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        exchange.getResponseHeaders().set("Content-Type", MEDIA_TYPES.getOrDefault(extension, "application/octet-stream"));
        byte[] body = Files.readAllBytes(file.get());
        exchange.sendResponseHeaders(200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
        if (!"HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseBody().write(body);
        }
    }

    private Optional<Map.Entry<Route, Map<String, String>>> match(String path) {
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(path);
            if (matcher.matches()) {
                Map<String, String> parameters = new HashMap<>();
                for (int i = 0; i < route.parameters().size(); i++) {
                    parameters.put(route.parameters().get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
                }
                return Optional.of(Map.entry(route, parameters));
            }
        }
        return Optional.empty();
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

    private static Map<String, String> query(String raw) {
        Map<String, String> query = LoopbackServer.query(raw);
        return query.isEmpty() ? null : query;
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
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
