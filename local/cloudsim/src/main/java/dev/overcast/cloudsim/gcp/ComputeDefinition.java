package dev.overcast.cloudsim.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.cloudsim.wire.Specs;
import dev.overcast.cloudsim.wire.WireCheck;
import dev.overcast.cloudsim.wire.WireDefinition;
import dev.overcast.cloudsim.world.CloudError;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Compute front checked against Compute's discovery document ({@code shared/specs/gcp/compute.v1.json.gz}),
 * when {@link WireCheck} is on. A request is refused as Google's front refuses it before Compute sees it (400
 * {@code badRequest}): a query parameter or body member the method does not declare, a value of the wrong type
 * or outside its enum. An answer that departs from the document is recorded as a deviation: an operation the
 * document lacks, a member its schema lacks, a type, format ({@code int64} as decimal text, {@code byte} as
 * base64) or enum value that does not fit, a {@code kind} other than the schema's, a write that answers no
 * {@code Operation}, an error not in Compute's error document ({@code {"error": {"code", "message", "errors":
 * [{"reason", "message", …}]}}}, https://cloud.google.com/compute/docs/api/how-tos/api-requests-responses#handling_api_errors).
 * Without the document (a checkout without {@code shared/}) nothing is checked, as a log line says once.
 */
public final class ComputeDefinition implements WireDefinition {

    private static final Logger log = LoggerFactory.getLogger(ComputeDefinition.class);
    static final String CLOUD = ComputeCall.FRONT;
    private static final String DOCUMENT = "gcp/compute.v1.json.gz";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ERROR_MEMBERS = Set.of("code", "message", "errors", "status", "details");
    private static final Set<String> ERROR_ITEM_MEMBERS = Set.of("domain", "reason", "message", "location", "locationType",
            "extendedHelp", "sendReport", "debugInfo");

    /** Loaded on first use, so the CLI (check off) never reads it. */
    private static final class Loaded {
        static final Optional<Discovery> DOCUMENT_READ = load();

        private static Optional<Discovery> load() {
            Optional<Discovery> read = Specs.gzippedJson(DOCUMENT).map(Discovery::new);
            if (read.isEmpty()) {
                log.warn("Compute wire check skipped: {} not found beside the repository (shared/specs)", DOCUMENT);
            }
            return read;
        }
    }

    @Override
    public String cloud() {
        return CLOUD;
    }

    /** The methods of the collections the front imitates (the document's other thousand are no part of Overcast's world). */
    @Override
    public List<String> definedOperations() {
        Set<String> imitated = new java.util.HashSet<>(Set.of("globalOperations", "regionOperations", "zoneOperations",
                "regions", "zones", "machineTypes"));
        Catalog.ALL.forEach(collection -> imitated.add(collection.path()));
        return Loaded.DOCUMENT_READ.map(Discovery::operations).orElse(List.of()).stream()
                .filter(operation -> imitated.contains(operation.substring(0, operation.indexOf('.')))).toList();
    }

    /** The document, when the check is on and the document is present. */
    static Optional<Discovery> active() {
        return WireCheck.enabled() ? Loaded.DOCUMENT_READ : Optional.empty();
    }

    /**
     * Checks a request the front routed: records the served method, or a deviation when the document has none;
     * refuses what Google refuses. Returns the method's id for {@link #checkAnswer}.
     */
    static Optional<Discovery.Method> checkRequest(String httpMethod, String path, Map<String, String> query, Map<String, Object> body,
                                                   String action) {
        Optional<Discovery> document = active();
        if (document.isEmpty()) {
            return Optional.empty();
        }
        Optional<Discovery.Method> found = document.get().method(httpMethod, path);
        if (found.isEmpty()) {
            WireCheck.deviation(CLOUD, action, "served " + httpMethod + " " + path + ", which the discovery document does not define");
            return found;
        }
        Discovery.Method method = found.get();
        WireCheck.served(CLOUD, method.id());
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            Optional<JsonNode> declared = document.get().parameter(method, parameter.getKey())
                    .or(() -> retiredParameter(method, parameter.getKey()));
            if (declared.isEmpty()) {
                throw new CloudError(ComputeErrors.BAD_REQUEST, "Invalid JSON payload received. Unknown name \"" + parameter.getKey()
                        + "\": Cannot bind query parameter. Field '" + parameter.getKey() + "' could not be found in request message.");
            }
            Optional<String> wrong = Discovery.checkParameter(declared.get(), parameter.getValue());
            if (wrong.isPresent()) {
                throw new CloudError(ComputeErrors.INVALID, "Invalid value for field '" + parameter.getKey() + "': '"
                        + parameter.getValue() + "'. " + wrong.get());
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> p = method.parameters().fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> parameter = p.next();
            if (parameter.getValue().path("required").asBoolean() && parameter.getValue().path("location").asText().equals("query")
                    && !query.containsKey(parameter.getKey())) {
                throw new CloudError(ComputeErrors.REQUIRED, "Required field '" + parameter.getKey() + "' not specified");
            }
        }
        if (method.request().isPresent()) {
            String message = Discovery.protoPath(method.request().get().substring(0, 1).toLowerCase(java.util.Locale.ROOT)
                    + method.request().get().substring(1)) + "_resource";
            for (Discovery.Problem problem : document.get().check(JSON.valueToTree(body), method.request().get(), false)) {
                String field = problem.path().contains(".") ? problem.path().substring(problem.path().lastIndexOf('.') + 1) : problem.path();
                String parent = problem.path().contains(".") ? "." + Discovery.protoPath(problem.path().substring(0, problem.path().lastIndexOf('.'))) : "";
                throw new CloudError(ComputeErrors.BAD_REQUEST, problem.unknown()
                        ? "Invalid JSON payload received. Unknown name \"" + field + "\" at '" + message + parent + "': Cannot find field."
                        : "Invalid value at '" + message + "." + Discovery.protoPath(problem.path()) + "': " + problem.rule());
            }
        } else if (!body.isEmpty()) {
            throw new CloudError(ComputeErrors.BAD_REQUEST, "Invalid JSON payload received. " + method.id() + " takes no request body.");
        }
        return found;
    }

    /**
     * A parameter earlier revisions declared and Compute still binds: {@code returnPartialSuccess} (boolean) on
     * list methods, which this revision of the document no longer lists but gcloud 528's generated Compute client
     * (its own copy of the June 2025 document, compute_v1_messages.py) sends with every list.
     */
    private static Optional<JsonNode> retiredParameter(Discovery.Method method, String name) {
        boolean list = method.id().endsWith(".list") || method.id().endsWith(".aggregatedList");
        return list && name.equals("returnPartialSuccess") ? Optional.of(JSON.createObjectNode().put("type", "boolean")) : Optional.empty();
    }

    /** Checks an answer against the method's response schema, or an error answer against Compute's error document. */
    static void checkAnswer(Discovery.Method method, int status, Object answer) {
        Optional<Discovery> document = active();
        if (document.isEmpty()) {
            return;
        }
        JsonNode json = JSON.valueToTree(answer);
        if (status >= 400) {
            error(method.id(), status, json).forEach(what -> WireCheck.deviation(CLOUD, method.id(), what));
            return;
        }
        if (method.response().isEmpty()) {
            return;
        }
        if (!method.httpMethod().equals("GET") && !method.response().get().equals("Operation")) {
            // Every write answers an Operation: the document's rule the front's inserts, deletes and patches follow.
            WireCheck.deviation(CLOUD, method.id(), "the document answers " + method.response().get());
        }
        String schema = method.response().get();
        document.get().kind(schema).filter(kind -> !kind.equals(json.path("kind").asText()))
                .ifPresent(kind -> WireCheck.deviation(CLOUD, method.id(), "kind is \"" + json.path("kind").asText() + "\", not " + kind));
        for (Discovery.Problem problem : document.get().check(json, schema, true)) {
            WireCheck.deviation(CLOUD, method.id(), schema + "." + problem.path() + " " + problem.rule());
        }
    }

    private static List<String> error(String operation, int status, JsonNode json) {
        JsonNode error = json.path("error");
        if (!error.isObject() || json.size() != 1) {
            return List.of("an error answer is not {\"error\": {...}}: " + json);
        }
        java.util.ArrayList<String> found = new java.util.ArrayList<>();
        error.fieldNames().forEachRemaining(name -> {
            if (!ERROR_MEMBERS.contains(name)) {
                found.add("error." + name + " is not a member of Google's error document");
            }
        });
        if (error.path("code").asInt() != status) {
            found.add("error.code " + error.path("code") + " differs from the HTTP status " + status);
        }
        if (!error.path("message").isTextual() || !error.path("errors").isArray() || error.path("errors").isEmpty()) {
            found.add("error needs message and a non-empty errors list");
        }
        for (JsonNode item : error.path("errors")) {
            item.fieldNames().forEachRemaining(name -> {
                if (!ERROR_ITEM_MEMBERS.contains(name)) {
                    found.add("error.errors[]." + name + " is not a member of Google's error document");
                }
            });
            if (!item.path("reason").isTextual() || !item.path("message").isTextual()) {
                found.add("error.errors[] needs reason and message");
            }
        }
        return found;
    }
}
