package dev.overcast.cloudsim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.cloudsim.wire.WireCheck;
import dev.overcast.cloudsim.wire.WireDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ARM front's wire checked against the Azure REST specs (OpenAPI 2.0) in {@code shared/specs/azure/}:
 * for each request the front served on a path the specs define, at the spec's api-version, the
 * operation exists; a request it accepted has every {@code required} property with the declared type and
 * (closed) enum value; each answer's status code is one the operation declares, its long-running headers
 * ({@code Azure-AsyncOperation}, {@code Location}) come only on {@code x-ms-long-running-operation}
 * operations, its body matches the response schema, and an error is {@code {"error": {"code", "message"}}}.
 * Requests outside the specs on hand (compute, resources, virtual networks and gateways) are checked against
 * {@link ArmModels}, python3-azure's generated models (required, read-only, types, enum values), at whatever
 * api-version, and for the error shape. Costs nothing while {@link WireCheck} is off.
 */
public final class ArmWire implements WireDefinition {

    static final String CLOUD = "azure";
    private static final Logger log = LoggerFactory.getLogger(ArmWire.class);
    private static final Set<String> METHODS = Set.of("get", "put", "patch", "delete", "head", "post");

    /** One operation of a spec: its id, method, path template as a case-insensitive pattern, and where it is defined. */
    private record Operation(String id, String method, Pattern path, JsonNode definition, Spec spec) {}

    /** One spec file, its api-version, and the folder its {@code $ref}s to sibling files resolve in. */
    private record Spec(String file, JsonNode document, String apiVersion) {}

    private static volatile Specs loaded;

    /** Every operation of the spec files on hand; empty when the folder is absent. */
    @Override
    public List<String> definedOperations() {
        return specs().operations.stream().map(Operation::id).distinct().toList();
    }

    @Override
    public String cloud() {
        return CLOUD;
    }

    /**
     * Checks one exchange and records it in {@link WireCheck}: {@code action} names it when no spec
     * operation matches.
     */
    static void check(String method, String path, String apiVersion, JsonNode request, ArmAnswer answer, String action) {
        if (!WireCheck.enabled()) {
            return;
        }
        String name = specs().match(method, path).map(Operation::id).orElse(action);
        WireCheck.served(CLOUD, name);
        deviations(method, path, apiVersion, request, answer).forEach(what -> WireCheck.deviation(CLOUD, name, what));
    }

    /** How one exchange departs from the specs, without recording it. */
    static List<String> deviations(String method, String path, String apiVersion, JsonNode request, ArmAnswer answer) {
        Optional<Operation> operation = specs().match(method, path);
        List<String> found = new ArrayList<>();
        if (answer.status() >= 400 && !method.equalsIgnoreCase("HEAD")) {
            JsonNode error = answer.body() == null ? null : answer.body().path("error");
            if (error == null || !error.path("code").isTextual() || !error.path("message").isTextual()) {
                found.add("error answer " + answer.status() + " is not {\"error\": {\"code\", \"message\"}}");
            }
        }
        if (operation.isPresent() && operation.get().spec().apiVersion().equals(apiVersion)) {
            new Checker(operation.get().spec(), found).exchange(operation.get(), request, answer);
        } else if (operation.isEmpty()) {
            models().exchange(method, path, request, answer, found);
        }
        return found;
    }

    private static Specs specs() {
        Specs specs = loaded;
        if (specs == null) {
            synchronized (ArmWire.class) {
                if (loaded == null) {
                    loaded = Specs.load();
                }
                specs = loaded;
            }
        }
        return specs;
    }

    /** Whether python3-azure's models could be read, so types outside the specs are checked too. */
    static boolean modelsOnHand() {
        return !models().empty();
    }

    private static ArmModels models() {
        return LoadedModels.MODELS;
    }

    /** Loads the models (a Python run) once, on first use: the JVM's lazy class initialisation. */
    private static final class LoadedModels {
        static final ArmModels MODELS = ArmModels.load();
    }

    /** The spec files and their operations. */
    private static final class Specs {
        private final List<Operation> operations = new ArrayList<>();
        private final Map<String, Spec> byFile = new LinkedHashMap<>();

        static Specs load() {
            Specs specs = new Specs();
            Optional<Path> folder = dev.overcast.cloudsim.wire.Specs.folder().map(shared -> shared.resolve("azure")).filter(Files::isDirectory);
            if (folder.isEmpty()) {
                log.warn("ARM wire check skipped: no ../shared/specs/azure beside the repository root");
                return specs;
            }
            try (var files = Files.list(folder.get())) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json.gz")).sorted().toList()) {
                    JsonNode document = read(file);
                    Spec spec = new Spec(file.getFileName().toString(), document, document.path("info").path("version").asText());
                    specs.byFile.put(spec.file(), spec);
                    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                        if (METHODS.contains(op.getKey())) {
                            specs.operations.add(new Operation(op.getValue().path("operationId").asText(), op.getKey(),
                                    template(path.getKey()), op.getValue(), spec));
                        }
                    }));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Azure specs in " + folder.get(), e);
            }
            return specs;
        }

        Optional<Operation> match(String method, String path) {
            String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return operations.stream().filter(o -> o.method().equalsIgnoreCase(method) && o.path().matcher(trimmed).matches()).findFirst();
        }

        private static Pattern template(String template) {
            StringBuilder regex = new StringBuilder();
            for (String part : template.split("(?=\\{)|(?<=\\})")) {
                regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
            }
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
        }

        private static JsonNode read(Path file) throws IOException {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return ArmStore.JSON.readTree(in);
            }
        }
    }

    /** Checks one exchange against one operation, collecting what departs from it. */
    private static final class Checker {
        private final Spec spec;
        private final List<String> found;

        Checker(Spec spec, List<String> found) {
            this.spec = spec;
            this.found = found;
        }

        void exchange(Operation operation, JsonNode request, ArmAnswer answer) {
            JsonNode responses = operation.definition().path("responses");
            String status = String.valueOf(answer.status());
            boolean longRunning = operation.definition().path("x-ms-long-running-operation").asBoolean(false);
            if (answer.status() < 400) {
                if (!responses.has(status)) {
                    found.add("answered " + status + ", the operation declares " + declared(responses));
                } else if (answer.body() != null && responses.path(status).has("schema")) {
                    value(answer.body(), responses.path(status).path("schema"), "answer", new HashSet<>());
                }
                for (String header : List.of("Azure-AsyncOperation", "Location")) {
                    if (answer.headers().containsKey(header) && !longRunning) {
                        found.add("answer carries " + header + " on an operation that is not x-ms-long-running-operation");
                    }
                }
                if (request != null) {
                    for (JsonNode parameter : operation.definition().path("parameters")) {
                        JsonNode resolved = resolve(parameter);
                        if ("body".equals(resolved.path("in").asText())) {
                            value(request, resolved.path("schema"), "request", new HashSet<>());
                        }
                    }
                }
            }
        }

        /** Checks a value against a schema: type, closed enum, required and each known property. */
        private void value(JsonNode value, JsonNode schema, String where, Set<String> seen) {
            if (schema.has("$ref")) {
                String ref = schema.path("$ref").asText();
                if (!seen.add(spec.file() + ref + where)) {
                    return;
                }
                Optional<Resolved> target = reference(ref);
                if (target.isPresent()) {
                    new Checker(target.get().spec(), found).value(value, target.get().schema(), where, seen);
                }
                return;
            }
            for (JsonNode part : schema.path("allOf")) {
                value(value, part, where, seen);
            }
            String type = schema.path("type").asText("");
            if (!type.isEmpty() && !typed(value, type)) {
                found.add(where + " is " + value.getNodeType().name().toLowerCase(Locale.ROOT) + ", the spec says " + type);
                return;
            }
            JsonNode values = schema.path("enum");
            boolean closed = values.isArray() && !schema.path("x-ms-enum").path("modelAsString").asBoolean(false);
            if (closed && value.isValueNode() && !contains(values, value.asText())) {
                found.add(where + " is '" + value.asText() + "', not one of " + values);
            }
            if (value.isObject()) {
                for (JsonNode required : schema.path("required")) {
                    String name = required.asText();
                    // A client never sends what is read-only, required or not.
                    boolean readOnly = schema.path("properties").path(name).path("readOnly").asBoolean();
                    if (!value.has(name) && !(where.startsWith("request") && readOnly)) {
                        found.add(where + "." + name + " is required");
                    }
                }
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    JsonNode property = schema.path("properties").path(field.getKey());
                    if (!property.isMissingNode() && !field.getValue().isNull()) {
                        value(field.getValue(), property, where + "." + field.getKey(), seen);
                    }
                }
            }
            if (value.isArray() && schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    value(value.get(i), schema.path("items"), where + "[" + i + "]", seen);
                }
            }
        }

        private record Resolved(Spec spec, JsonNode schema) {}

        /** {@code #/definitions/X} in this file or {@code ./other.json#/definitions/X} in a sibling on hand. */
        private Optional<Resolved> reference(String ref) {
            int hash = ref.indexOf('#');
            String file = ref.substring(0, Math.max(hash, 0));
            Spec target = spec;
            if (!file.isEmpty()) {
                String name = file.substring(file.lastIndexOf('/') + 1);
                target = loaded.byFile.get(spec.file().substring(0, spec.file().indexOf('-') + 1) + name + ".gz");
                if (target == null) {
                    return Optional.empty();
                }
            }
            JsonNode schema = target.document().at(ref.substring(hash + 1));
            return schema.isMissingNode() ? Optional.empty() : Optional.of(new Resolved(target, schema));
        }

        private JsonNode resolve(JsonNode parameter) {
            if (!parameter.has("$ref")) {
                return parameter;
            }
            return reference(parameter.path("$ref").asText()).map(Resolved::schema).orElse(parameter);
        }

        private static boolean typed(JsonNode value, String type) {
            return switch (type) {
                case "string" -> value.isTextual();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                case "array" -> value.isArray();
                case "object" -> value.isObject();
                default -> true;
            };
        }

        private static boolean contains(JsonNode values, String value) {
            for (JsonNode v : values) {
                if (v.asText().equals(value)) {
                    return true;
                }
            }
            return false;
        }

        private static String declared(JsonNode responses) {
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(c -> {
                if (!c.equals("default")) {
                    codes.add(c);
                }
            });
            return String.join("/", codes.stream().sorted().toList());
        }
    }
}
