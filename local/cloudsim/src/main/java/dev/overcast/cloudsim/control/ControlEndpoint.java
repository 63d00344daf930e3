package dev.overcast.cloudsim.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.overcast.cloudsim.http.LoopbackServer;
import dev.overcast.cloudsim.kubernetes.KubernetesClusters;
import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.cloudsim.world.World;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The world's management endpoint, JSON over HTTP under {@code /_cloudsim/}: faults, clock, by-hand
 * changes, snapshots, call counts and resource listings (see {@code local/cloudsim/README.md}).
 */
public final class ControlEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request the endpoint refuses, answered with 400 and the message. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private static final String PREFIX = "/_cloudsim/";

    private final World world;
    private final KubernetesClusters kubernetes;
    private final LoopbackServer server;
    private final Map<String, Snapshot> saved = new ConcurrentHashMap<>();

    public ControlEndpoint(World world, KubernetesClusters kubernetes, int port) {
        this.world = world;
        this.kubernetes = kubernetes;
        this.server = new LoopbackServer("the control endpoint", port, this::handle);
    }

    public URI endpoint() {
        return URI.create(server.endpoint() + PREFIX);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status = 200;
        Object answer;
        try (exchange) {
            try {
                String path = exchange.getRequestURI().getPath();
                answer = !path.startsWith(PREFIX) ? null : route(exchange.getRequestMethod(), path.substring(PREFIX.length()),
                        LoopbackServer.query(exchange.getRequestURI().getRawQuery()), body(exchange));
            } catch (BadRequest | IllegalArgumentException e) {
                status = 400;
                answer = Map.of("error", String.valueOf(e.getMessage()));
            }
            if (answer == null) {
                status = 404;
                answer = Map.of("error", "no such control endpoint: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Object route(String method, String path, Map<String, String> query, JsonNode body) {
        return switch (method + " " + path) {
            case "GET calls" -> world.calls().byAction(required(query, "front"));
            case "DELETE calls" -> {
                world.calls().reset();
                yield Map.of("reset", true);
            }
            case "POST faults" -> {
                world.faults().failNext(text(body, "front"), text(body, "action"), body.path("times").asInt(1), text(body, "code"));
                yield Map.of("planned", true);
            }
            case "POST faults/random" -> {
                world.faults().randomFaults(body.path("rate").asDouble(), body.path("seed").asLong(0));
                yield Map.of("rate", body.path("rate").asDouble());
            }
            case "DELETE faults" -> {
                world.faults().clear();
                yield Map.of("cleared", true);
            }
            case "GET kubernetes" -> Map.of("endpoint", kubernetes.endpoint(required(query, "cluster")).toString());
            case "GET clock" -> Map.of("now", world.clock().now().toString());
            case "POST clock/advance" -> {
                world.advance(duration(text(body, "by")));
                yield Map.of("now", world.clock().now().toString());
            }
            case "GET resources" -> world.resources(required(query, "front"), required(query, "account"));
            case "GET snapshot" -> world.snapshot(required(query, "front"), required(query, "account"));
            case "POST snapshots" -> {
                Snapshot taken = world.snapshot(text(body, "front"), text(body, "account"));
                saved.put(text(body, "name"), taken);
                yield Map.of("saved", text(body, "name"), "resources", taken.resources().size());
            }
            case "GET snapshots/diff" -> {
                Snapshot before = saved.get(required(query, "name"));
                if (before == null) {
                    throw new BadRequest("no snapshot saved under '" + query.get("name") + "'");
                }
                yield Map.of("differences", before.diff(world.snapshot(before.front(), before.account())));
            }
            case "POST delete" -> Map.of("deleted",
                    world.deleteByHand(text(body, "front"), text(body, "account"), text(body, "region"), text(body, "id")));
            case "POST alter" -> Map.of("altered",
                    world.alterByHand(text(body, "front"), text(body, "account"), text(body, "region"), text(body, "id"),
                            resource -> alter(resource, body)));
            default -> null;
        };
    }

    /** {@code setTags} (object), {@code removeTags} (array), {@code setAttributes} (object of strings or lists). */
    private static void alter(SimResource resource, JsonNode body) {
        // Attributes are checked before anything changes, so a refused request leaves the resource as it was.
        Map<String, Object> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> given = body.path("setAttributes").fields();
        given.forEachRemaining(attribute -> attributes.put(attribute.getKey(), attributeValue(attribute)));
        Iterator<Map.Entry<String, JsonNode>> tags = body.path("setTags").fields();
        tags.forEachRemaining(tag -> resource.tags().put(tag.getKey(), tag.getValue().asText()));
        body.path("removeTags").forEach(key -> resource.tags().remove(key.asText()));
        resource.attributes().putAll(attributes);
    }

    /** The world's attribute shapes: a string, or a list of string maps (rules, routes, attachments). */
    private static Object attributeValue(Map.Entry<String, JsonNode> attribute) {
        JsonNode value = attribute.getValue();
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<Map<String, String>> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isObject()) {
                    throw new BadRequest("setAttributes." + attribute.getKey() + " must be an array of objects");
                }
                Map<String, String> fields = new LinkedHashMap<>();
                item.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
                items.add(fields);
            }
            return items;
        }
        throw new BadRequest("setAttributes." + attribute.getKey() + " must be a string or an array of objects");
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequest("'by' must be an ISO-8601 duration such as PT5M, was '" + text + "'");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isValueNode() || value.asText().isEmpty()) {
            throw new BadRequest("field '" + field + "' is required");
        }
        return value.asText();
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw new BadRequest("query parameter '" + name + "' is required");
        }
        return value;
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return JSON.createObjectNode();
            }
            try {
                JsonNode node = JSON.readTree(bytes);
                return node instanceof ObjectNode ? node : JSON.createObjectNode();
            } catch (IOException e) {
                throw new BadRequest("the body must be a JSON object: " + e.getMessage());
            }
        }
    }

}
